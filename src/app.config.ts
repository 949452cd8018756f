export default defineAppConfig({
  // The main package holds only the tab pages; every feature lives in its own subpackage.
  pages: ['pages/map/index', 'pages/checkin/index', 'pages/review/index', 'pages/me/index'],
  subPackages: [
    { root: 'packages/station', pages: ['pages/detail/index', 'pages/console/index'] },
    { root: 'packages/auth', pages: ['pages/sign-in/index'] },
    { root: 'packages/review', pages: ['pages/detail/index', 'pages/apply-station/index', 'pages/apply-verification/index', 'pages/inbox/index'] },
    { root: 'packages/checkin', pages: ['pages/code/index', 'pages/scan/index'] },
    { root: 'packages/points', pages: ['pages/ledger/index', 'pages/rewards/index', 'pages/claim/index', 'pages/leaderboard/index'] },
    {
      root: 'packages/childcare',
      pages: ['pages/programmes/index', 'pages/programme/index', 'pages/children/index', 'pages/mine/index', 'pages/roster/index', 'pages/create/index'],
    },
    { root: 'packages/volunteer', pages: ['pages/home/index', 'pages/apply/index'] },
    { root: 'packages/reports', pages: ['pages/figures/index', 'pages/registry/index'] },
    { root: 'packages/activities', pages: ['pages/index/index', 'pages/scan/index', 'pages/create/index', 'pages/campaign/index'] },
    {
      root: 'packages/voice',
      pages: [
        'pages/home/index',
        'pages/wishes/index',
        'pages/post-wish/index',
        'pages/opinions/index',
        'pages/send-opinion/index',
        'pages/answer/index',
        'pages/rounds/index',
        'pages/round/index',
      ],
    },
    {
      root: 'packages/admin',
      pages: [
        'pages/home/index',
        'pages/orgs/index',
        'pages/org-form/index',
        'pages/stations/index',
        'pages/station-form/index',
        'pages/rewards/index',
        'pages/reward-form/index',
        'pages/roles/index',
        'pages/counsellors/index',
      ],
    },
    {
      root: 'packages/consult',
      pages: [
        'pages/index/index',
        'pages/book/index',
        'pages/mine/index',
        'pages/case/index',
        'pages/agenda/index',
        'pages/cases/index',
        'pages/privacy/index',
      ],
    },
  ],
  window: {
    navigationBarTitleText: '骑士驿站',
    navigationBarBackgroundColor: '#0b57d0',
    navigationBarTextStyle: 'white',
    // WeChat's default; in H5 it turns on Taro's navigation bar, the back (or home) control of every sub-page.
    navigationStyle: 'default',
    backgroundColor: '#f2f4f7',
    backgroundTextStyle: 'dark',
  },
  tabBar: {
    color: '#3c4043',
    selectedColor: '#0b57d0',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/map/index', text: '驿站' },
      { pagePath: 'pages/checkin/index', text: '签到' },
      { pagePath: 'pages/review/index', text: '办事' },
      { pagePath: 'pages/me/index', text: '我的' },
    ],
  },
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': { desc: '用于查找离你最近的骑士驿站' },
  },
  __usePrivacyCheck__: true,
  lazyCodeLoading: 'requiredComponents',
});
