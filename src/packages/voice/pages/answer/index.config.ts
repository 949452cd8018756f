export default definePageConfig({
  navigationBarTitleText: '答复递语',
  enablePullDownRefresh: true,
});
