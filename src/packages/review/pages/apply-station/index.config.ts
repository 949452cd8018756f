export default definePageConfig({
  navigationBarTitleText: '申请登记驿站',
});
