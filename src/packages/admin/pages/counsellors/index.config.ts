export default definePageConfig({ navigationBarTitleText: '咨询师', enablePullDownRefresh: true });
