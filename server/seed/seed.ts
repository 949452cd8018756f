import { sealField } from '../../cloudfunctions/core/crypto';
import { newUser, userIdOf, users, type UserDoc } from '../../cloudfunctions/core/identity';
import type { Deps } from '../../cloudfunctions/core/runtime';
import { StoreConflict, geoPoint } from '../../cloudfunctions/core/store/docstore.port';
import { counsellorDays, counsellors, slots } from '../../cloudfunctions/features/consult/collections';
import { expandTemplate, shanghaiDayOf } from '../../cloudfunctions/features/consult/consult-rules';
import { orgs } from '../../cloudfunctions/capabilities/orgs/collections';
import { seedActivities } from './activities-demo';
import { seedChildcare } from './childcare-demo';
import { rewards } from '../../cloudfunctions/features/points/collections';
import { stations } from '../../cloudfunctions/capabilities/orgs/station-directory';
import { DEMO_COUNSELLORS, DEMO_ORGS, DEMO_REWARDS, DEMO_USERS, demoStations } from './demo-data';

/** The user id a demo openid has under this data directory's field key. */
export function demoUserId(deps: Deps, openid: (typeof DEMO_USERS)[number]['openid']): string {
  return userIdOf(openid, deps.secrets.fieldKey);
}

/**
 * Fills an empty database with the demo committees, stations, users and rewards; does nothing on a seeded one.
 * Documents are inserted one by one outside a transaction (a CloudBase transaction is small and short-lived); the
 * committees go last, so a start interrupted half-way seeds again.
 */
export async function seedDemo(deps: Deps): Promise<boolean> {
  const { store } = deps;
  if ((await store.count(orgs)) > 0) return false;
  const now = deps.now();
  const at = now.toISOString();
  const upsert = (insert: () => Promise<void>) =>
    insert().catch((error: unknown) => {
      if (!(error instanceof StoreConflict)) throw error;
    });
  for (const { id, location, phone, ...s } of demoStations()) {
    const station = {
      ...s,
      _id: id,
      location: geoPoint(location),
      phoneEnc: sealField(phone, deps.secrets.fieldKey),
      liveStatus: 'open' as const,
      published: true,
      createdAt: at,
    };
    await upsert(() => store.insert(stations, station));
  }
  for (const u of DEMO_USERS) {
    const user: UserDoc = {
      ...newUser(u.openid, deps.secrets.fieldKey, now),
      roles: ['rider', ...u.roles.map((r) => r.role)],
      displayName: u.displayName,
      ...('orgId' in u ? { orgId: u.orgId } : {}),
      ...('platform' in u ? { platform: u.platform } : {}),
      stationIds: u.roles.flatMap((r) => ('stationId' in r ? [r.stationId] : [])),
      cadreOrgIds: u.roles.flatMap((r) => ('orgId' in r ? [r.orgId] : [])),
      // 孙志愿 is the one waiting for verification in the demo queue.
      verified: u.openid.startsWith('demo-rider'),
      // The demo riders chose to show their nicknames on boards and in nomination lists.
      listed: u.openid.startsWith('demo-rider'),
    };
    await upsert(() => store.insert(users, user));
  }
  if (deps.adminOpenid) {
    const admin = { ...newUser(deps.adminOpenid, deps.secrets.fieldKey, now, deps.adminOpenid), displayName: '系统管理员' };
    await upsert(() => store.insert(users, admin));
  }
  for (const r of DEMO_REWARDS) await upsert(() => store.insert(rewards, { ...r, createdAt: at }));
  for (const c of DEMO_COUNSELLORS) {
    const user: UserDoc = { ...newUser(c.openid, deps.secrets.fieldKey, now), roles: ['rider', 'counsellor'], displayName: c.name };
    await upsert(() => store.insert(users, user));
    const categories = [...c.categories];
    await upsert(() => store.insert(counsellors, { _id: user._id, name: c.name, categories, orgId: c.orgId, intro: c.intro, createdAt: at }));
    const made = expandTemplate({ ...c.template, days: [...c.template.days], weeks: 2, modes: ['phone', 'video', 'text', 'in-person'] }, now);
    const byDay = new Map<string, { id: string; start: string; end: string }[]>();
    for (const [i, s] of made.entries()) {
      const id = `demo-slot-${c.openid}-${i}`;
      await upsert(() =>
        store.insert(slots, { _id: id, counsellorId: user._id, counsellorName: c.name, orgId: c.orgId, categories, ...s, free: true, bookingId: null }),
      );
      const day = shanghaiDayOf(s.start);
      byDay.set(day, [...(byDay.get(day) ?? []), { id, start: s.start, end: s.end }]);
    }
    for (const [day, list] of byDay) await upsert(() => store.insert(counsellorDays, { _id: `${user._id}:${day}`, slots: list }));
  }
  await seedChildcare(deps, now, upsert);
  await seedActivities(deps, now, upsert);
  for (const { id, ...org } of DEMO_ORGS) await upsert(() => store.insert(orgs, { ...org, _id: id }));
  return true;
}
