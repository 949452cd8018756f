export default definePageConfig({ navigationBarTitleText: '团委' });
