export default definePageConfig({
  navigationBarTitleText: '摸清底数',
  enablePullDownRefresh: true,
});
