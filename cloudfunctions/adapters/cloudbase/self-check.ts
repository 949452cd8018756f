/**
 * What `npm run deploy -- --check` asks of a deployed environment, run inside it by the `selfcheck` function: the
 * platform facts the CloudBase adapter relies on, measured where they hold. It writes two documents in its own
 * collection under a run-unique id and removes them before it answers, and reads nothing personal (a count of users).
 *
 * The answer (SelfCheckReport) carries codes and names, never values: the context variables' names, the error codes
 * a lost write really comes back with and how db-errors.ts reads them, which geo indexes answer a `near`, the database
 * round trip, and what WeChat answers a subscribe message sent from this function (a missing permission is -604101).
 */
import { randomBytes } from 'node:crypto';
import * as tcb from '@cloudbase/node-sdk';
import type { CloudBase } from '@cloudbase/node-sdk';
import { z } from 'zod';
import { users } from '../../core/identity';
import { LAST_TICK, schedulerTicks } from '../../tasks/scheduler/ticks';
import { selfChecks } from '../../tasks/selfcheck/collections';
import { dbErrorCode, isDuplicateId, isWriteConflict } from './db-errors';
import { PUSH_TIMEOUT_MS } from './entry';

/** Which collections hold a geo field, as the deploy declared them. */
const selfCheckEvent = z.object({
  geo: z.array(z.object({ collection: z.string().regex(/^[A-Za-z][\w-]{0,63}$/), field: z.string().regex(/^[A-Za-z][\w.]{0,63}$/) })).max(100),
});

export type SelfCheckEvent = z.infer<typeof selfCheckEvent>;

export interface LostWrite {
  /** The code as the SDK throws it (an HTTP status for a non-200 answer), or null when nothing was refused. */
  code: string | null;
  message: string;
  /** How the adapter reads it (db-errors.ts). */
  readAs: 'conflict' | 'duplicate' | 'other' | 'none';
}

export interface SelfCheckReport {
  /** The names of this invocation's context variables (a management-API call: no OPENID expected). */
  contextVariables: string[];
  openidInContext: boolean;
  /** Users the functions have created: each from a mini-program call whose context carried an OPENID. */
  users: number;
  transaction: { committed: boolean };
  conflict: LostWrite;
  duplicate: LostWrite;
  near: { collection: string; field: string; ok: boolean; error?: string }[];
  /** One document read, 20 times in a row. */
  roundTripMs: { p50: number; p95: number; samples: number };
  /** When the scheduler last ran for its timer trigger (ISO), or null when it never has. */
  schedulerLastTick: string | null;
  /** WeChat's answer to a subscribe message to nobody: 40003 (no such user) means the permission is in force. */
  push: { errcode: number | null; errmsg: string };
  cleanedUp: boolean;
}

const ROUND_TRIPS = 20;
/** A point in 嘉兴, and a radius that never matters: a `near` only has to be answered. */
const PROBE = { lng: 120.76, lat: 30.75, maxDistance: 1000 };

async function caught(work: () => Promise<unknown>): Promise<unknown> {
  try {
    const res = await work();
    // With setThrowOnCode(false) anywhere in the process the SDK answers errors instead of throwing them.
    return res && typeof res === 'object' && 'code' in res && res.code ? res : null;
  } catch (error) {
    return error ?? new Error('thrown without an error');
  }
}

function lostWrite(error: unknown): LostWrite {
  if (!error) return { code: null, message: '', readAs: 'none' };
  const message = (error instanceof Error ? error.message : String((error as { message?: unknown }).message ?? error)).slice(0, 200);
  return { code: dbErrorCode(error) || null, message, readAs: isWriteConflict(error) ? 'conflict' : isDuplicateId(error) ? 'duplicate' : 'other' };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

export async function runSelfCheck(event: unknown, variables: Record<string, unknown> | null): Promise<SelfCheckReport> {
  const { geo } = selfCheckEvent.parse(event);
  const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  const db = app.database();
  const coll = db.collection(selfChecks.name);
  const run = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  const committedId = `${run}-committed`;
  const contestedId = `${run}-contested`;
  try {
    // One transaction committing, read back outside it.
    await db.runTransaction(async (t: { collection(name: string): typeof coll }) => {
      await t.collection(selfChecks.name).add({ _id: committedId, n: 1 });
    }, 0);
    const committed = ((await coll.doc(committedId).get()).data as unknown[]).length === 1;

    // Two transactions write one document: the second writer loses, in whatever form the service uses.
    await coll.add({ _id: contestedId, n: 0 });
    const first = await db.startTransaction();
    const second = await db.startTransaction();
    await first.collection(selfChecks.name).doc(contestedId).update({ n: 1 });
    const secondLost = await caught(async () => {
      await second.collection(selfChecks.name).doc(contestedId).update({ n: 2 });
      await second.commit();
    });
    const firstLost = await caught(() => first.commit());
    if (secondLost) await caught(() => second.rollback(null));
    if (firstLost) await caught(() => first.rollback(null));
    const conflict = secondLost ?? firstLost;

    // An insert, in a transaction, of an `_id` that exists.
    const third = await db.startTransaction();
    const duplicate = await caught(async () => {
      await third.collection(selfChecks.name).add({ _id: committedId, n: 3 });
      await third.commit();
    });
    if (duplicate) await caught(() => third.rollback(null));

    const near = [];
    for (const g of geo) {
      const error = await caught(() =>
        db
          .collection(g.collection)
          .where({ [g.field]: db.command.geoNear({ geometry: new db.Geo.Point(PROBE.lng, PROBE.lat), maxDistance: PROBE.maxDistance }) })
          .limit(1)
          .get(),
      );
      near.push({ ...g, ok: !error, ...(error ? { error: lostWrite(error).message } : {}) });
    }

    const samples: number[] = [];
    for (let i = 0; i < ROUND_TRIPS; i++) {
      const started = performance.now();
      await coll.doc(committedId).get();
      samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);

    const pushed = await app
      .callWxOpenApi(
        { apiName: 'cgi-bin/message/subscribe/send', requestData: { touser: 'selfcheck-nobody', template_id: 'selfcheck', data: {} } },
        { timeout: PUSH_TIMEOUT_MS },
      )
      .then((res) => {
        const result = res.result as { errcode?: number; errmsg?: string } | undefined;
        return { errcode: result?.errcode ?? null, errmsg: result?.errmsg ?? String((res as { code?: unknown }).code ?? '') };
      })
      .catch((error: unknown) => ({ errcode: null, errmsg: error instanceof Error ? error.message : String(error) }));

    return {
      contextVariables: Object.keys(variables ?? {}).sort(),
      openidInContext: Boolean(variables?.WX_OPENID),
      users: (await db.collection(users.name).count()).total ?? 0,
      schedulerLastTick: ((await db.collection(schedulerTicks.name).doc(LAST_TICK).get()).data as { at?: string }[])[0]?.at ?? null,
      transaction: { committed },
      conflict: lostWrite(conflict),
      duplicate: lostWrite(duplicate),
      near,
      roundTripMs: { p50: Math.round(percentile(samples, 0.5)), p95: Math.round(percentile(samples, 0.95)), samples: samples.length },
      push: pushed,
      cleanedUp: await cleanUp(coll, [committedId, contestedId]),
    };
  } catch (error) {
    await cleanUp(coll, [committedId, contestedId]);
    throw error;
  }
}

async function cleanUp(coll: ReturnType<ReturnType<CloudBase['database']>['collection']>, ids: string[]): Promise<boolean> {
  for (const id of ids) await caught(() => coll.doc(id).remove());
  const left = await Promise.all(ids.map(async (id) => ((await coll.doc(id).get()).data as unknown[]).length));
  return left.every((n) => n === 0);
}
