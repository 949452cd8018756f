export default definePageConfig({
  navigationBarTitleText: '兑换奖品',
  enablePullDownRefresh: true,
});
