export default definePageConfig({
  navigationBarTitleText: '团团递语',
  enablePullDownRefresh: true,
});
