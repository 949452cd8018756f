export default definePageConfig({ navigationBarTitleText: '骑士班', enablePullDownRefresh: true });
