export default definePageConfig({ navigationBarTitleText: '发布关爱礼包' });
