export default definePageConfig({ navigationBarTitleText: '驿站信息' });
