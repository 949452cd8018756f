/** Page paths in one place (app.config.ts declares the same pages). */
export const ROUTES = {
  map: '/pages/map/index',
  me: '/pages/me/index',
  stationDetail: '/packages/station/pages/detail/index',
  signIn: '/packages/auth/pages/sign-in/index',
  review: '/pages/review/index',
  reviewDetail: '/packages/review/pages/detail/index',
  applyStation: '/packages/review/pages/apply-station/index',
  applyVerification: '/packages/review/pages/apply-verification/index',
  inbox: '/packages/review/pages/inbox/index',
  checkin: '/pages/checkin/index',
  checkinCode: '/packages/checkin/pages/code/index',
  checkinScan: '/packages/checkin/pages/scan/index',
  pointsLedger: '/packages/points/pages/ledger/index',
  pointsRewards: '/packages/points/pages/rewards/index',
  pointsClaim: '/packages/points/pages/claim/index',
  pointsLeaderboard: '/packages/points/pages/leaderboard/index',
  childcareProgrammes: '/packages/childcare/pages/programmes/index',
  childcareProgramme: '/packages/childcare/pages/programme/index',
  childcareChildren: '/packages/childcare/pages/children/index',
  childcareMine: '/packages/childcare/pages/mine/index',
  childcareRoster: '/packages/childcare/pages/roster/index',
  childcareCreate: '/packages/childcare/pages/create/index',
  volunteerHome: '/packages/volunteer/pages/home/index',
  volunteerApply: '/packages/volunteer/pages/apply/index',
  consult: '/packages/consult/pages/index/index',
  voiceHome: '/packages/voice/pages/home/index',
  activities: '/packages/activities/pages/index/index',
  activitiesScan: '/packages/activities/pages/scan/index',
  activitiesCreate: '/packages/activities/pages/create/index',
  activitiesCampaign: '/packages/activities/pages/campaign/index',
  adminHome: '/packages/admin/pages/home/index',
  reportsFigures: '/packages/reports/pages/figures/index',
  consultCase: '/packages/consult/pages/case/index',
  consultCases: '/packages/consult/pages/cases/index',
  voiceAnswer: '/packages/voice/pages/answer/index',
  voiceWishes: '/packages/voice/pages/wishes/index',
} as const;

export const stationDetailUrl = (id: string) => `${ROUTES.stationDetail}?id=${encodeURIComponent(id)}`;
export const reviewDetailUrl = (id: string) => `${ROUTES.reviewDetail}?id=${encodeURIComponent(id)}`;
export const checkinScanUrl = (stationId: string) => `${ROUTES.checkinScan}?stationId=${encodeURIComponent(stationId)}`;
export const childcareProgrammeUrl = (id: string) => `${ROUTES.childcareProgramme}?id=${encodeURIComponent(id)}`;
export const childcareRosterUrl = (programmeId: string, date: string) =>
  `${ROUTES.childcareRoster}?programmeId=${encodeURIComponent(programmeId)}&date=${encodeURIComponent(date)}`;

/** Local mode: the H5 build served by the local gateway, where identity is a demo sign-in. */
export const consultCaseUrl = (id: string) => `${ROUTES.consultCase}?id=${encodeURIComponent(id)}`;
export const isLocalMode = () => process.env.TARO_ENV !== 'weapp';
