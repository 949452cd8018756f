/**
 * The check-in crowds of a lunch-time queue, on the CloudBase adapter through the stand-in at a given round trip per
 * database request: riders scanned at once at one station, and a burst of wrong typed codes with a live one among them.
 *
 *   npx tsx bench/checkin-crowds.ts 25
 */
import { randomBytes } from 'node:crypto';
import { newId } from '../cloudfunctions/core/crypto';
import type { Deps } from '../cloudfunctions/core/runtime';
import { COLLECTIONS, FUNCTIONS } from '../cloudfunctions/functions';
import { TYPED_CODE_LIMITS } from '../cloudfunctions/capabilities/codes/checkin-rules';
import { buildOrg, buildPerson, buildStation } from '../tests/support/builders';
import { openTestStore } from '../tests/support/stores';
import { percentiles, type Percentiles } from './stats';

export interface CrowdResult {
  /** Answers by outcome: OK or the error code. */
  answers: Record<string, number>;
  ms: Percentiles;
}

/** Runs the calls at once; answers their outcomes and times. */
export async function crowd(calls: (() => Promise<{ ok: boolean; error?: { code: string } }>)[]): Promise<CrowdResult> {
  const timings: number[] = [];
  const answers: Record<string, number> = {};
  await Promise.all(
    calls.map(async (call) => {
      const started = performance.now();
      const res = await call();
      timings.push(performance.now() - started);
      const outcome = res.ok ? 'OK' : (res.error?.code ?? 'ERROR');
      answers[outcome] = (answers[outcome] ?? 0) + 1;
    }),
  );
  return { answers, ms: percentiles(timings) };
}

export interface CheckinCrowds {
  /** 12 riders' codes scanned at once at one station by 3 staff. */
  twelveByThreeStaff: CrowdResult;
  twentyAtOneStation: CrowdResult;
  fiftyAtOneStation: CrowdResult;
  /** 5 staff typing 40 codes each at once at one station, one live code among them: how many were judged. */
  typedBurst: CrowdResult & { judged: number; limitPerMinute: number };
}

export async function checkinCrowds(latencyMs: number): Promise<CheckinCrowds> {
  const opened = await openTestStore('cloudbase', COLLECTIONS, latencyMs > 0 ? { latency: { ms: latencyMs, jitter: 0.4 } } : {});
  const { store } = opened;
  const now = new Date('2026-11-18T04:00:00.000Z');
  const deps: Deps = { store, secrets: { tokenKey: randomBytes(32), fieldKey: randomBytes(32) }, now: () => now, newId };
  const staff = Array.from({ length: 5 }, (_, i) => `staff-${i}`);
  await buildOrg(store, 'town');
  for (const s of ['st-a', 'st-b', 'st-c', 'st-d']) await buildStation(store, s, { orgId: 'town' });
  for (const s of staff) await buildPerson(deps, s, { roles: ['staff'], stationIds: ['st-a', 'st-b', 'st-c', 'st-d'] });
  let riders = 0;
  const codes = async (n: number) => {
    const openids = Array.from({ length: n }, () => `rider-${riders++}`);
    for (const openid of openids) await buildPerson(deps, openid, { orgId: 'town' });
    return Promise.all(
      openids.map(async (openid) => {
        const res = await FUNCTIONS.checkin!.handle({ action: 'issueCode' }, { openid }, deps);
        if (!res.ok) throw new Error(res.error.message);
        return res.data as { code: string; shortCode: string };
      }),
    );
  };
  const redeem = (by: string, code: string, stationId: string) => () => FUNCTIONS.checkin!.handle({ action: 'redeem', code, stationId }, { openid: by }, deps);

  const twelveByThreeStaff = await crowd((await codes(12)).map((c, i) => redeem(staff[i % 3]!, c.code, 'st-a')));
  const twentyAtOneStation = await crowd((await codes(20)).map((c, i) => redeem(staff[i % 5]!, c.code, 'st-b')));
  const fiftyAtOneStation = await crowd((await codes(50)).map((c, i) => redeem(staff[i % 5]!, c.code, 'st-c')));
  const [live] = await codes(1);
  const typed = staff.flatMap((s, k) =>
    Array.from({ length: 40 }, (_, i) => redeem(s, k === 2 && i === 20 ? live!.shortCode : String(10_000_000 + (k * 40 + i) * 7919), 'st-d')),
  );
  const burst = await crowd(typed);
  await opened.close();
  return {
    twelveByThreeStaff,
    twentyAtOneStation,
    fiftyAtOneStation,
    typedBurst: { ...burst, judged: typed.length - (burst.answers.RATE_LIMITED ?? 0), limitPerMinute: TYPED_CODE_LIMITS.station.perMinute },
  };
}

if (require.main === module) {
  checkinCrowds(Number(process.argv[2] ?? 25))
    .then((r) => {
      console.log(JSON.stringify(r, null, 2));
      process.exit(0);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
