export default definePageConfig({ navigationBarTitleText: '开设骑士班' });
