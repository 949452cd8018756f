/**
 * What `npm run deploy -- --check` concludes from the deployed functions' answers (scripts/deploy.ts invokes them
 * through the management API): one line per fact, ✓ or ✗, and for a ✗ what to do. Pure, so every verdict is tested.
 */
import type { SelfCheckReport } from '../cloudfunctions/adapters/cloudbase/self-check';

export interface Verdict {
  ok: boolean;
  what: string;
  /** For a failure: what to do about it. */
  fix?: string;
}

/** What manager-node's `invokeFunction` answers: the function's return value as JSON in RetMsg, or its error. */
export interface Invocation {
  InvokeResult?: number;
  RetMsg?: string;
  ErrMsg?: string;
}

type Envelope = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };

export function envelopeOf(res: Invocation): Envelope | string {
  if (res.InvokeResult !== 0) return `the invocation failed: ${res.ErrMsg || 'no message'}`;
  try {
    const parsed = JSON.parse(res.RetMsg ?? '') as Envelope;
    return parsed && typeof parsed === 'object' && 'ok' in parsed ? parsed : `it answered ${String(res.RetMsg).slice(0, 120)}`;
  } catch {
    return `it answered ${String(res.RetMsg).slice(0, 120)}`;
  }
}

/** A caller-less event to a router that names a caller: the router must not take it (identity comes from the context). */
export const FORGED_CALLER_EVENT = { action: 'me', openid: 'forged-by-check', userInfo: { openId: 'forged-by-check' } };

export function routerVerdict(name: string, res: Invocation): Verdict {
  const answer = envelopeOf(res);
  if (typeof answer === 'string') {
    return {
      ok: false,
      what: `${name}: ${answer}`,
      fix: `read the function's log in the console (云函数 → ${name} → 日志); "cannot start" means a key is missing: set it in .env and deploy again`,
    };
  }
  if (!answer.ok && answer.error.code === 'UNAUTHENTICATED')
    return { ok: true, what: `${name}: starts with its keys, and takes no caller from the event (UNAUTHENTICATED)` };
  return {
    ok: false,
    what: `${name}: a call naming a caller only in its event answered ${JSON.stringify(answer).slice(0, 120)}`,
    fix: 'the function takes its caller from the event: do not use this build',
  };
}

export function schedulerVerdict(res: Invocation): Verdict {
  const answer = envelopeOf(res);
  if (typeof answer !== 'string' && !answer.ok && answer.error.code === 'FORBIDDEN')
    return { ok: true, what: 'scheduler: refuses an invocation that is not its timer trigger (FORBIDDEN)' };
  return {
    ok: false,
    what: `scheduler: an invocation without the timer event ${typeof answer === 'string' ? answer : `answered ${JSON.stringify(answer).slice(0, 120)}`}`,
    fix: 'deploy again: the scheduler must refuse anything but its timer',
  };
}

/** The selfcheck's report, fact by fact. */
/** How long the 5-minute timer may have been silent before its absence counts. */
const TIMER_SILENCE_MS = 11 * 60_000;

function timerVerdict(lastTick: string | null, now: Date): Verdict {
  const fix =
    "its timer trigger has not run it: see 云函数 → scheduler → 触发器 and its log (a refusal logs 'refused: not its timer trigger'); right after a first deploy, wait 5 minutes and check again";
  if (!lastTick) return { ok: false, what: 'scheduler: its timer has never run it', fix };
  const ago = Math.round((now.getTime() - Date.parse(lastTick)) / 60_000);
  return ago * 60_000 <= TIMER_SILENCE_MS
    ? { ok: true, what: `scheduler: its timer last ran it ${ago} min ago` }
    : { ok: false, what: `scheduler: its timer last ran it ${ago} min ago`, fix };
}

export function selfCheckVerdicts(r: SelfCheckReport, now: Date): Verdict[] {
  const verdicts: Verdict[] = [
    {
      ok: !r.openidInContext,
      what: `identity: a management invocation's context carries ${r.contextVariables.join(', ') || 'no variables'}, ${r.openidInContext ? 'and an OPENID' : 'and no OPENID'}`,
      ...(r.openidInContext ? { fix: 'an OPENID without a WeChat caller: report it; callers would be misidentified' } : {}),
    },
    r.users > 0
      ? { ok: true, what: `identity: ${r.users} users created by mini-program calls, each from the OPENID in its call's context` }
      : { ok: true, what: 'identity: no mini-program call yet (open the mini-program once, then check again to see the OPENID arrive)' },
    timerVerdict(r.schedulerLastTick, now),
    r.transaction.committed
      ? { ok: true, what: 'transaction: one committed and read back' }
      : { ok: false, what: 'transaction: committed, but not there when read back', fix: 'report it: transactions do not hold here' },
    r.conflict.readAs === 'conflict'
      ? { ok: true, what: `write conflict: comes back as ${r.conflict.code}, which the adapter retries` }
      : {
          ok: false,
          what: `write conflict: ${r.conflict.code === null ? 'two transactions wrote one document and neither was refused' : `came back as ${r.conflict.code} (${r.conflict.message})`}`,
          fix: 'add this form to cloudfunctions/adapters/cloudbase/db-errors.ts before relying on seats, stock or points',
        },
    r.duplicate.readAs === 'duplicate'
      ? { ok: true, what: `duplicate _id in a transaction: comes back as ${r.duplicate.code}, which the adapter reads as taken` }
      : {
          ok: false,
          what: `duplicate _id in a transaction: ${r.duplicate.code === null ? 'was accepted' : `came back as ${r.duplicate.code} (${r.duplicate.message})`}`,
          fix: 'add this form to cloudfunctions/adapters/cloudbase/db-errors.ts: every "one per …" rests on it',
        },
    ...r.near.map((n) =>
      n.ok
        ? { ok: true, what: `near: ${n.collection}.${n.field} answers a $nearSphere query` }
        : {
            ok: false,
            what: `near: ${n.collection}.${n.field} refused (${n.error ?? 'no message'})`,
            fix: 'run npm run deploy again: it creates the 2dsphere index, or says what to click in the console',
          },
    ),
    { ok: true, what: `database round trip: p50 ${r.roundTripMs.p50} ms, p95 ${r.roundTripMs.p95} ms over ${r.roundTripMs.samples} reads` },
    pushVerdict(r.push),
    r.cleanedUp
      ? { ok: true, what: 'cleaned up: the check left nothing behind' }
      : { ok: false, what: 'cleaned up: a document of the check is left in selfcheck', fix: 'remove it in the console (数据库 → selfcheck)' },
  ];
  return verdicts;
}

function pushVerdict(push: SelfCheckReport['push']): Verdict {
  if (push.errcode === -604101) {
    return {
      ok: false,
      what: 'push: subscribeMessage.send has no permission here (-604101)',
      fix: 'the config.json permission did not take: wait 10 minutes (WeChat caches it) and check again; if it stays, upload the selfcheck and the pushing functions once from WeChat DevTools (上传并部署)',
    };
  }
  if (push.errcode === null) {
    return {
      ok: false,
      what: `push: WeChat could not be called (${push.errmsg})`,
      fix: "subscribe messages need the mini-program's own cloud environment (opened from WeChat DevTools, bound to its AppID)",
    };
  }
  return { ok: true, what: `push: subscribeMessage.send is permitted (WeChat answered ${push.errcode} to a message for nobody)` };
}

/** The lines --check prints, and whether all is well. */
export function formatVerdicts(envId: string, verdicts: readonly Verdict[]): { text: string; ok: boolean } {
  const failed = verdicts.filter((v) => !v.ok).length;
  const lines = verdicts.flatMap((v) => [`  ${v.ok ? '✓' : '✗'} ${v.what}`, ...(v.ok || !v.fix ? [] : [`      → ${v.fix}`])]);
  const last = failed ? `${failed} of ${verdicts.length} checks failed in ${envId}` : `all ${verdicts.length} checks passed in ${envId}`;
  return { text: `checking ${envId}\n${lines.join('\n')}\n${last}\n`, ok: failed === 0 };
}
