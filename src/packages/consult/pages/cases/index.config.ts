export default definePageConfig({
  navigationBarTitleText: '递援个案',
  enablePullDownRefresh: true,
});
