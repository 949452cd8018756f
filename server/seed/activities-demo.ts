/**
 * Local mode's activities demo, relative to the seed's now: an evening class at the headquarters station starting
 * within the hour (so signing up and being scanned in can both be tried at once), a screening and a city run later
 * in the week, a 冬日递暖 campaign with packs at two stations, and a free-meal window open now at the headquarters
 * station's partner restaurant (added to its usual 13:00 and 20:00 windows when neither is open).
 */
import { newQuota } from '../../cloudfunctions/capabilities/seating/quota';
import { newSeats } from '../../cloudfunctions/capabilities/seating/seating';
import { userIdOf } from '../../cloudfunctions/core/identity';
import type { Deps } from '../../cloudfunctions/core/runtime';
import { geoPoint } from '../../cloudfunctions/core/store/docstore.port';
import { inShanghai } from '../../cloudfunctions/core/time';
import { activities, activitySeats, campaigns, campaignStock, type ActivityDoc } from '../../cloudfunctions/features/activities/collections';
import { stations } from '../../cloudfunctions/capabilities/orgs/station-directory';
import { isOpenAt } from '../../cloudfunctions/features/stations/opening-hours';
import type { MealWindow } from '../../types';

export const DEMO_CLASS = 'demo-act-class';
const HQ = 'st-weitang-hq';
const HOUR_MS = 3_600_000;
const pad = (n: number) => String(n).padStart(2, '0');

/** Whether a window covers a clock time (HH:mm). */
const covers = (w: MealWindow, hhmm: string) => w.start <= hhmm && hhmm <= w.end;

/**
 * A window open now, from this hour until the next usual window (or two hours on), so it never overlaps another; none
 * when a usual window is open anyway.
 */
function windowNow(now: Date, meals: readonly MealWindow[]): MealWindow | null {
  const t = inShanghai(now).format('HH:mm');
  if (meals.some((w) => covers(w, t))) return null;
  const hour = inShanghai(now).hour();
  const start = meals.reduce((from, w) => (w.start <= from && from < w.end ? w.end : from), `${pad(hour)}:00`);
  const next = meals
    .map((w) => w.start)
    .filter((s) => s > t)
    .sort()[0];
  const until = hour + 2 >= 24 ? '23:59' : `${pad(hour + 2)}:00`;
  const end = next && next < until ? next : until;
  return start <= t && t < end ? { start, end, quota: 20 } : null;
}

export async function seedActivities(deps: Deps, now: Date, upsert: (insert: () => Promise<void>) => Promise<void>): Promise<void> {
  const { store } = deps;
  const createdBy = userIdOf('demo-town-cadre', deps.secrets.fieldKey);
  const at = now.toISOString();
  const hq = { name: '魏塘街道小哥驿站（解放东路总站）', address: '嘉兴市嘉善县魏塘街道解放东路 168 号', stationId: HQ };
  const plan: (Omit<ActivityDoc, 'createdBy' | 'createdAt' | 'location' | 'orgId' | 'pointsApproved'> & { at: { lat: number; lng: number } })[] = [
    {
      _id: DEMO_CLASS,
      title: '青年夜校：骑手交通安全课',
      kind: 'class',
      description: '交警大队民警讲解电动车安全驾驶和事故处理，结课可得证书。',
      venue: hq,
      at: { lat: 30.8419, lng: 120.9268 },
      start: new Date(now.getTime() + 50 * 60_000).toISOString(),
      end: new Date(now.getTime() + 140 * 60_000).toISOString(),
      capacity: 30,
      gives: { points: 20, certificate: true, pack: false },
    },
    {
      _id: 'demo-act-film',
      title: '公益观影：《中国骑手》',
      kind: 'film',
      venue: { name: '嘉善青年影院', address: '嘉兴市嘉善县魏塘街道施家南路 99 号' },
      at: { lat: 30.8365, lng: 120.9302 },
      start: new Date(now.getTime() + 2 * 24 * HOUR_MS).toISOString(),
      end: new Date(now.getTime() + 2 * 24 * HOUR_MS + 2 * HOUR_MS).toISOString(),
      capacity: 80,
      gives: { points: 10, certificate: false, pack: true },
    },
    {
      _id: 'demo-act-run',
      title: '城市跑男：夜跑送温暖',
      kind: 'volunteer',
      venue: hq,
      at: { lat: 30.8419, lng: 120.9268 },
      start: new Date(now.getTime() + 4 * 24 * HOUR_MS).toISOString(),
      end: new Date(now.getTime() + 4 * 24 * HOUR_MS + 2 * HOUR_MS).toISOString(),
      capacity: 20,
      gives: { points: 15, certificate: true, pack: false },
    },
  ];
  for (const { at: where, ...a } of plan) {
    // Published by the town's cadre: the points stand.
    await upsert(() => store.insert(activities, { ...a, orgId: 'org-weitang', location: geoPoint(where), pointsApproved: true, createdBy, createdAt: at }));
    await upsert(() => store.insert(activitySeats, newSeats(a._id, a.capacity)));
  }
  const packs = [
    { stationId: HQ, stock: 30 },
    { stationId: 'st-001', stock: 20 },
  ];
  const present = (await Promise.all(packs.map((p) => store.get(stations, p.stationId)))).map((s) => s !== null);
  const placed = packs.filter((_, i) => present[i]);
  await upsert(() =>
    store.insert(campaigns, {
      _id: 'demo-care-winter',
      title: '冬日递暖 2026',
      kind: 'winter',
      orgId: 'org-jiashan',
      verifiedOnly: true,
      stations: placed,
      createdBy,
      createdAt: at,
    }),
  );
  for (const p of placed) {
    await upsert(() => store.insert(campaignStock, newQuota(`demo-care-winter:${p.stationId}`, p.stock)));
  }
  const station = await store.get(stations, HQ);
  if (!station) return;
  const meals = station.meals ?? [];
  const extra = isOpenAt(station.hours, now) && meals.length < 4 ? windowNow(now, meals) : null;
  if (extra) await store.update(stations, HQ, { meals: [...meals, extra].sort((a, b) => a.start.localeCompare(b.start)) });
}
