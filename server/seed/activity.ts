import { CHECKIN_CATEGORY, CHECKIN_POINTS, CLAIM_POINTS, CLAIM_TITLES } from '../../cloudfunctions/core/points-rules';
import { reviewKind } from '../../cloudfunctions/core/review';
import type { Deps } from '../../cloudfunctions/core/runtime';
import type { ReviewRecord } from '../../cloudfunctions/core/store/store.port';
import { shanghaiDay } from '../../cloudfunctions/core/time';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Past check-ins: [rider id, station id, days ago]. None today, so today's caps and counts start at zero. */
const VISITS: [string, string, number][] = [
  ['u-li', 'st-weitang-hq', 1],
  ['u-li', 'st-001', 1],
  ['u-li', 'st-weitang-hq', 2],
  ['u-li', 'st-002', 3],
  ['u-wang', 'st-weitang-hq', 1],
  ['u-wang', 'st-003', 2],
];

/**
 * A few days of life for local mode, so a person trying the demo sees balances, a ledger, a leaderboard and a
 * cadre queue with an overdue item. Only `npm start` / `npm run api` seed it; tests start from the reference data.
 */
export async function seedDemoActivity(deps: Deps): Promise<void> {
  const now = deps.now().getTime();
  const ago = (ms: number) => new Date(now - ms).toISOString();
  const homeOrg = 'org-weitang';
  await deps.store.transaction(async (tx) => {
    for (const [i, [riderId, stationId, daysAgo]] of VISITS.entries()) {
      const at = ago(daysAgo * DAY + i * HOUR);
      const nonce = `demo-visit-${i}`;
      await tx.checkins.insert({ id: `ck-demo-${i}`, stationId, riderId, at, day: shanghaiDay(at), pointsAwarded: CHECKIN_POINTS, nonce });
      await tx.ledger.append({
        id: `lg-demo-visit-${i}`,
        userId: riderId,
        delta: CHECKIN_POINTS,
        reason: 'checkin',
        key: `checkin:${nonce}`,
        at,
        category: CHECKIN_CATEGORY,
        orgId: homeOrg,
      });
    }
    await tx.ledger.append({
      id: 'lg-demo-errand',
      userId: 'u-li',
      delta: CLAIM_POINTS.errand,
      reason: 'claim',
      key: 'claim:demo-errand',
      at: ago(2 * DAY),
      note: CLAIM_TITLES.errand,
      category: 'service',
      orgId: homeOrg,
    });

    const item = (id: string, kind: string, orgId: string, submitterId: string, name: string, hoursAgo: number, payload: Record<string, unknown>, location?: ReviewRecord['location']): ReviewRecord => {
      const submittedAt = ago(hoursAgo * HOUR);
      return {
        id,
        kind,
        status: 'pending',
        orgId,
        title: reviewKind(kind).title(payload),
        submitterId,
        submittedAt,
        dueAt: new Date(Date.parse(submittedAt) + reviewKind(kind).dueHours * HOUR).toISOString(),
        payload,
        history: [{ at: submittedAt, byId: submitterId, byName: name, action: 'submitted' }],
        ...(location ? { location } : {}),
      };
    };
    await tx.reviews.insert(
      item('rv-demo-verify', 'verification', homeOrg, 'u-wang', '王骑手', 30, { realName: '王小明', platform: '饿了么', employer: '蜂鸟嘉善魏塘站' }),
    );
    const hazardAt = { lat: 30.8431, lng: 120.9302 };
    await tx.reviews.insert(
      item('rv-demo-hazard', 'claim', homeOrg, 'u-li', '李小哥', 5, {
        kind: 'hazard',
        description: '施家南路与解放东路路口井盖松动，电动车经过容易侧滑',
        location: hazardAt,
        points: CLAIM_POINTS.hazard,
      }, hazardAt),
    );
    await tx.stations.insert({
      id: 'st-demo-applied',
      name: '西塘古镇北栅小哥驿站',
      orgId: 'org-xitang',
      location: { lat: 30.9512, lng: 120.8921 },
      address: '嘉兴市嘉善县西塘镇北栅街 21 号',
      services: ['rest', 'water', 'charging'],
      liveStatus: 'open',
      published: false,
      createdAt: ago(8 * DAY),
    });
    await tx.reviews.insert(
      item('rv-demo-station', 'station', 'org-xitang', 'u-wang', '王骑手', 8 * 24, {
        stationId: 'st-demo-applied',
        name: '西塘古镇北栅小哥驿站',
        address: '嘉兴市嘉善县西塘镇北栅街 21 号',
        services: ['rest', 'water', 'charging'],
      }),
    );
  });
}
