export default definePageConfig({
  navigationBarTitleText: '12355 咨询',
});
