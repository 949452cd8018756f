import type { Deps } from '../../cloudfunctions/core/runtime';
import type { UserRecord } from '../../cloudfunctions/core/store/store.port';
import { DEMO_ORGS, DEMO_REWARDS, DEMO_USERS, demoStations } from './demo-data';

/** Fills an empty database with the demo committees, stations, users and rewards; does nothing on a seeded one. */
export async function seedDemo(deps: Deps): Promise<boolean> {
  const { store } = deps;
  if ((await store.orgs.all()).length > 0) return false;
  const now = deps.now().toISOString();
  await store.transaction(async (tx) => {
    for (const org of DEMO_ORGS) await tx.orgs.insert(org);
    for (const s of demoStations()) {
      await tx.stations.insert({ ...s, liveStatus: 'open', published: true, createdAt: now });
    }
    for (const u of DEMO_USERS) {
      const user: UserRecord = {
        id: u.id,
        openid: u.openid,
        roles: ['rider', ...u.roles.map((r) => r.role)],
        displayName: u.displayName,
        ...('orgId' in u ? { orgId: u.orgId } : {}),
        ...('platform' in u ? { platform: u.platform } : {}),
        stationIds: u.roles.flatMap((r) => ('stationId' in r ? [r.stationId] : [])),
        cadreOrgIds: u.roles.flatMap((r) => ('orgId' in r ? [r.orgId] : [])),
        verified: u.openid.startsWith('demo-rider'),
        createdAt: now,
      };
      await tx.users.insert(user);
    }
    if (deps.adminOpenid && !(await tx.users.byOpenid(deps.adminOpenid))) {
      await tx.users.insert({
        id: 'u-admin',
        openid: deps.adminOpenid,
        roles: ['rider', 'admin'],
        displayName: '系统管理员',
        stationIds: [],
        cadreOrgIds: [],
        verified: false,
        createdAt: now,
      });
    }
    for (const r of DEMO_REWARDS) await tx.rewards.insert({ ...r, createdAt: now });
  });
  return true;
}
