export default definePageConfig({
  navigationBarTitleText: '个案进展',
  enablePullDownRefresh: true,
});
