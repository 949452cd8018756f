/** The admin pages, in this subpackage (app.config.ts declares them). */
export const ADMIN_PAGES = {
  home: '/packages/admin/pages/home/index',
  orgs: '/packages/admin/pages/orgs/index',
  orgForm: '/packages/admin/pages/org-form/index',
  stations: '/packages/admin/pages/stations/index',
  stationForm: '/packages/admin/pages/station-form/index',
  rewards: '/packages/admin/pages/rewards/index',
  rewardForm: '/packages/admin/pages/reward-form/index',
  roles: '/packages/admin/pages/roles/index',
  counsellors: '/packages/admin/pages/counsellors/index',
} as const;

export const withQuery = (path: string, query: Record<string, string | undefined>) => {
  const parts = Object.entries(query).flatMap(([k, v]) => (v === undefined ? [] : [`${k}=${encodeURIComponent(v)}`]));
  return parts.length ? `${path}?${parts.join('&')}` : path;
};
