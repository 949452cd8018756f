export default definePageConfig({ navigationBarTitleText: '积分奖品', enablePullDownRefresh: true });
