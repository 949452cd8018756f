export default definePageConfig({
  navigationBarTitleText: '许个心愿',
  enablePullDownRefresh: false,
});
