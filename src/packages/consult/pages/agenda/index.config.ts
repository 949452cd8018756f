export default definePageConfig({
  navigationBarTitleText: '咨询日程',
  enablePullDownRefresh: true,
});
