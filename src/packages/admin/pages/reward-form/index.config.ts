export default definePageConfig({ navigationBarTitleText: '添加奖品' });
