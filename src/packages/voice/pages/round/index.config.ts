export default definePageConfig({
  navigationBarTitleText: '最美骑手',
  enablePullDownRefresh: true,
});
