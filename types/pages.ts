/**
 * Every page of the mini-program, by package: what app.config.ts registers, what screens navigate to and what the
 * server writes into a message's link. One place, so a moved page cannot leave a dead link behind.
 */
export const PAGES = {
  map: '/pages/map/index',
  checkin: '/pages/checkin/index',
  review: '/pages/review/index',
  me: '/pages/me/index',
  station: { detail: '/packages/station/pages/detail/index', console: '/packages/station/pages/console/index' },
  auth: { signIn: '/packages/auth/pages/sign-in/index' },
  reviewItem: {
    detail: '/packages/review/pages/detail/index',
    applyStation: '/packages/review/pages/apply-station/index',
    applyVerification: '/packages/review/pages/apply-verification/index',
    inbox: '/packages/review/pages/inbox/index',
  },
  code: { show: '/packages/checkin/pages/code/index', scan: '/packages/checkin/pages/scan/index' },
  points: {
    ledger: '/packages/points/pages/ledger/index',
    rewards: '/packages/points/pages/rewards/index',
    claim: '/packages/points/pages/claim/index',
    leaderboard: '/packages/points/pages/leaderboard/index',
  },
  childcare: {
    programmes: '/packages/childcare/pages/programmes/index',
    programme: '/packages/childcare/pages/programme/index',
    children: '/packages/childcare/pages/children/index',
    mine: '/packages/childcare/pages/mine/index',
    roster: '/packages/childcare/pages/roster/index',
    create: '/packages/childcare/pages/create/index',
  },
  volunteer: { home: '/packages/volunteer/pages/home/index', apply: '/packages/volunteer/pages/apply/index' },
  reports: { figures: '/packages/reports/pages/figures/index', registry: '/packages/reports/pages/registry/index' },
  activities: {
    index: '/packages/activities/pages/index/index',
    scan: '/packages/activities/pages/scan/index',
    create: '/packages/activities/pages/create/index',
    campaign: '/packages/activities/pages/campaign/index',
  },
  voice: {
    home: '/packages/voice/pages/home/index',
    wishes: '/packages/voice/pages/wishes/index',
    postWish: '/packages/voice/pages/post-wish/index',
    opinions: '/packages/voice/pages/opinions/index',
    sendOpinion: '/packages/voice/pages/send-opinion/index',
    answer: '/packages/voice/pages/answer/index',
    rounds: '/packages/voice/pages/rounds/index',
    round: '/packages/voice/pages/round/index',
  },
  admin: {
    home: '/packages/admin/pages/home/index',
    orgs: '/packages/admin/pages/orgs/index',
    orgForm: '/packages/admin/pages/org-form/index',
    stations: '/packages/admin/pages/stations/index',
    stationForm: '/packages/admin/pages/station-form/index',
    rewards: '/packages/admin/pages/rewards/index',
    rewardForm: '/packages/admin/pages/reward-form/index',
    roles: '/packages/admin/pages/roles/index',
    counsellors: '/packages/admin/pages/counsellors/index',
  },
  consult: {
    index: '/packages/consult/pages/index/index',
    book: '/packages/consult/pages/book/index',
    mine: '/packages/consult/pages/mine/index',
    case: '/packages/consult/pages/case/index',
    agenda: '/packages/consult/pages/agenda/index',
    cases: '/packages/consult/pages/cases/index',
    privacy: '/packages/consult/pages/privacy/index',
  },
} as const;

/** The tab pages, in the tab bar's order: the main package, opened with switchTab. */
export const TAB_PAGES: readonly string[] = [PAGES.map, PAGES.checkin, PAGES.review, PAGES.me];

/** A page with its query, as navigateTo and a message's link take it; a value left undefined is left out. */
export function pageLink(page: string, query: Record<string, string | number | undefined> = {}): string {
  const pairs = Object.entries(query).flatMap(([k, v]) => (v === undefined ? [] : [`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`]));
  return pairs.length ? `${page}?${pairs.join('&')}` : page;
}
