export default definePageConfig({
  navigationBarTitleText: '我要递语',
  enablePullDownRefresh: false,
});
