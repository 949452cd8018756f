export default definePageConfig({ navigationBarTitleText: '骑士班详情', enablePullDownRefresh: true });
