export default definePageConfig({ navigationBarTitleText: '当日名单', enablePullDownRefresh: true });
