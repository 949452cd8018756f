import type { LatLng, ReviewKindName } from '../../types';
import { appendEntry } from '../../cloudfunctions/capabilities/ledger/ledger';
import { CLAIM_KIND_LABELS } from '../../types/points-labels';
import { CLAIM_POINTS } from '../../cloudfunctions/features/points/points-rules';
import { recordCheckin } from '../../cloudfunctions/capabilities/codes/checkins';
import { users } from '../../cloudfunctions/core/identity';
import type { Deps } from '../../cloudfunctions/core/runtime';
import { geoPoint } from '../../cloudfunctions/core/store/docstore.port';
import { openItems, reviews, type ReviewDoc } from '../../cloudfunctions/capabilities/review/collections';
import { openItemId } from '../../cloudfunctions/capabilities/review/submit';
import { reviewKind } from '../../cloudfunctions/functions';
import { stations } from '../../cloudfunctions/capabilities/orgs/station-directory';
import { demoUserId } from './seed';
import { seedVoiceActivity } from './voice-activity';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const HOME_ORG = 'org-weitang';

/** Past check-ins: [rider, station id, days ago]. None today, so today's caps and counts start at zero. */
const VISITS = [
  ['demo-rider', 'st-weitang-hq', 1],
  ['demo-rider', 'st-001', 1],
  ['demo-rider', 'st-weitang-hq', 2],
  ['demo-rider', 'st-002', 3],
  ['demo-rider-2', 'st-weitang-hq', 1],
  ['demo-rider-2', 'st-003', 2],
] as const;

/**
 * A few days of life for local mode, so a person trying the demo sees balances, a ledger, a leaderboard and a
 * cadre queue with an overdue item. Only `npm start` / `npm run api` seed it; tests start from the reference data.
 */
export async function seedDemoActivity(deps: Deps): Promise<void> {
  const { store } = deps;
  const now = deps.now().getTime();
  const ago = (ms: number) => new Date(now - ms).toISOString();
  const li = demoUserId(deps, 'demo-rider');
  const wang = demoUserId(deps, 'demo-rider-2');
  // Not yet a verified rider: the one waiting for verification in the demo queue.
  const sun = demoUserId(deps, 'demo-volunteer');

  for (const [i, [openid, stationId, daysAgo]] of VISITS.entries()) {
    const riderId = demoUserId(deps, openid);
    const [rider, station] = await Promise.all([store.get(users, riderId), store.get(stations, stationId)]);
    if (!rider || !station) throw new Error(`demo visit ${i}: no ${rider ? stationId : openid}`);
    const now = new Date(ago(daysAgo * DAY + i * HOUR));
    await store.transaction((tx) => recordCheckin(tx, { station, rider, checkinId: `ck-demo-${i}`, ref: `demo-visit-${i}`, now }));
  }
  await store.transaction((tx) =>
    appendEntry(tx, {
      _id: 'claim:demo-errand',
      userId: li,
      delta: CLAIM_POINTS.errand,
      reason: 'claim',
      at: ago(2 * DAY),
      note: CLAIM_KIND_LABELS.errand,
      category: 'service',
      orgId: HOME_ORG,
    }),
  );

  const item = (
    id: string,
    kind: ReviewKindName,
    orgId: string,
    submitterId: string,
    name: string,
    hoursAgo: number,
    payload: Record<string, unknown>,
    location?: LatLng,
  ): ReviewDoc => {
    const submittedAt = ago(hoursAgo * HOUR);
    return {
      _id: id,
      kind,
      status: 'pending',
      orgId,
      title: reviewKind(kind).title(payload),
      submitterId,
      submittedAt,
      dueAt: new Date(Date.parse(submittedAt) + reviewKind(kind).dueHours * HOUR).toISOString(),
      payload: reviewKind(kind).seal(payload, deps.secrets.fieldKey),
      history: [{ at: submittedAt, byId: submitterId, byName: name, action: 'submitted' }],
      ...(location ? { location } : {}),
    };
  };
  await store.insert(openItems, { _id: openItemId('verification', sun), reviewId: 'rv-demo-verify' });
  await store.insert(
    reviews,
    item('rv-demo-verify', 'verification', HOME_ORG, sun, '孙志愿', 30, { realName: '孙晓', platform: '饿了么', employer: '蜂鸟嘉善魏塘站' }),
  );
  const hazardAt = { lat: 30.8431, lng: 120.9302 };
  await store.insert(
    reviews,
    item(
      'rv-demo-hazard',
      'claim',
      HOME_ORG,
      li,
      '李小哥',
      5,
      {
        kind: 'hazard',
        description: '施家南路与解放东路路口井盖松动，电动车经过容易侧滑',
        location: hazardAt,
        points: CLAIM_POINTS.hazard,
      },
      hazardAt,
    ),
  );
  const applied = { name: '西塘古镇北栅小哥驿站', address: '嘉兴市嘉善县西塘镇北栅街 21 号', services: ['rest', 'water', 'charging'] as const };
  await store.insert(stations, {
    _id: 'st-demo-applied',
    ...applied,
    services: [...applied.services],
    orgId: 'org-xitang',
    location: geoPoint({ lat: 30.9512, lng: 120.8921 }),
    liveStatus: 'open',
    published: false,
    createdAt: ago(8 * DAY),
  });
  await store.insert(
    reviews,
    item('rv-demo-station', 'station', 'org-xitang', wang, '王骑手', 8 * 24, { stationId: 'st-demo-applied', ...applied, services: [...applied.services] }),
  );
  await seedVoiceActivity(deps);
}
