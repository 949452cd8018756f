export default definePageConfig({ navigationBarTitleText: '团委组织', enablePullDownRefresh: true });
