export default definePageConfig({
  navigationBarTitleText: '骑手心声',
  enablePullDownRefresh: true,
});
