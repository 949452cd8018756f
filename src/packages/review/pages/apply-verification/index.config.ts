export default definePageConfig({
  navigationBarTitleText: '申请骑手认证',
});
