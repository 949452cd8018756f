/**
 * The CloudBase edge: turns a router into a cloud function handler. Everything platform-specific is chosen here,
 * once per container: the SDK app, the document store, secrets from the environment, the caller's identity from the
 * invocation's own context (never from the event) and WeChat subscribe messages.
 *
 * Environment:
 * - RIDER_HUB_TOKEN_KEY, RIDER_HUB_FIELD_KEY (required): 32 random bytes each, base64.
 * - RIDER_HUB_ADMIN: the openid that is admin from the start.
 * - RIDER_HUB_TEMPLATE_<KIND>: the subscribe-message template of each kind of message (types/push-kinds.ts); a kind
 *   without one is not pushed.
 * - RIDER_HUB_MINIPROGRAM_STATE: which version of the mini-program a message opens (`formal`, `trial`, `developer`).
 */
import * as tcb from '@cloudbase/node-sdk';
import type { CloudBase } from '@cloudbase/node-sdk';
import type { Envelope } from '../../../types';
import { parseTemplate, templateVariable } from '../../../types/push-kinds';
import { newId } from '../../core/crypto';
import type { Deps, Router, Secrets } from '../../core/runtime';
import type { DomainModule } from '../../module';
import { openCloudbaseDocStore } from './docstore.cloudbase';

export type CloudHandler = (event: unknown, context: unknown) => Promise<Envelope<unknown>>;

let deps: Deps | undefined;

function readKey(env: NodeJS.ProcessEnv, name: string): Buffer {
  const value = env[name];
  const key = value ? Buffer.from(value, 'base64') : Buffer.alloc(0);
  if (key.length !== 32) throw new Error(`${name} must be set to 32 random bytes in base64`);
  return key;
}

export function readSecrets(env: NodeJS.ProcessEnv = process.env): Secrets {
  return { tokenKey: readKey(env, 'RIDER_HUB_TOKEN_KEY'), fieldKey: readKey(env, 'RIDER_HUB_FIELD_KEY') };
}

/** One JSON line per call; the router passes only route, outcome and timings (never inputs). */
function log(line: Record<string, unknown>): void {
  const text = JSON.stringify({ at: new Date().toISOString(), ...line });
  if (line.level === 'error' || line.level === 'warn') console.error(text);
  else console.log(text);
}

/** `thing` fields of a subscribe message take at most 20 characters. */
function clip(text: string, max = 20): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/** How long one subscribe message may take before it counts as failed (a push never undoes the action). */
export const PUSH_TIMEOUT_MS = 3000;

function subscribePush(app: CloudBase, env: NodeJS.ProcessEnv): Deps['push'] {
  return async (openid, kind, message) => {
    const template = parseTemplate(env[templateVariable(kind)]);
    if (!template) return;
    const res = await app.callWxOpenApi(
      {
        apiName: 'cgi-bin/message/subscribe/send',
        requestData: {
          touser: openid,
          template_id: template.id,
          page: message.link,
          miniprogram_state: env.RIDER_HUB_MINIPROGRAM_STATE || 'formal',
          data: { [template.titleKey]: { value: clip(message.title) }, [template.bodyKey]: { value: clip(message.body) } },
        },
      },
      { timeout: PUSH_TIMEOUT_MS },
    );
    const failed = (res as { code?: unknown }).code;
    if (failed) throw new Error(`subscribe send failed: ${String(failed)}`);
    const result = res.result as { errcode?: number; errmsg?: string } | undefined;
    if (result?.errcode) throw new Error(`subscribe send failed: ${result.errcode} ${result.errmsg ?? ''}`);
  };
}

/** How long a link to a file the server saved (a report's CSV) stays valid. */
const TEMP_URL_SECONDS = 3600;

/**
 * Cloud storage: what the mini-program uploaded, read back to check it or removed when refused; files the server
 * makes, saved and linked for a while.
 */
function cloudStorage(app: CloudBase): NonNullable<Deps['storage']> {
  return {
    async read(fileID) {
      const { fileContent } = await app.downloadFile({ fileID });
      return Buffer.isBuffer(fileContent) ? fileContent : Buffer.from(fileContent ?? '');
    },
    async remove(fileID) {
      await app.deleteFile({ fileList: [fileID] });
    },
    async upload(cloudPath, content) {
      const { fileID } = await app.uploadFile({ cloudPath, fileContent: content });
      return fileID;
    },
    async tempUrl(fileID) {
      const { fileList } = await app.getTempFileURL({ fileList: [{ fileID, maxAge: TEMP_URL_SECONDS }] });
      const url = fileList[0]?.tempFileURL;
      if (!url) throw new Error(`no temporary link for ${fileID}: ${fileList[0]?.code ?? 'no answer'}`);
      return url;
    },
  };
}

function boot(env: NodeJS.ProcessEnv): Deps {
  // Refuse to serve without keys: signing codes or sealing fields with a made-up key would be silent damage.
  const secrets = readSecrets(env);
  const app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  return {
    store: openCloudbaseDocStore(app),
    secrets,
    now: () => new Date(),
    newId,
    adminOpenid: env.RIDER_HUB_ADMIN || undefined,
    push: subscribePush(app, env),
    storage: cloudStorage(app),
    log,
  };
}

/** The invocation's own context variables (`environment`, or the older `environ`), or null when it has none. */
function contextVariables(context: unknown): Record<string, unknown> | null {
  if (!context || typeof context !== 'object') return null;
  try {
    const parsed = tcb.parseContext(context as Parameters<typeof tcb.parseContext>[0]);
    return (parsed.environment ?? parsed.environ ?? null) as Record<string, unknown> | null;
  } catch {
    return null; // not an invocation context the SDK understands
  }
}

/**
 * The caller: the OPENID in this invocation's own context, or nobody. Not `app.auth().getUserInfo()` nor
 * `tcb.getCloudbaseContext(context)`: for the keys named in WX_CONTEXT_KEYS both fall back to the process
 * environment, where a warm instance may still hold an earlier caller's OPENID.
 */
function callerOpenid(context: unknown): string | null {
  const openid = contextVariables(context)?.WX_OPENID;
  return typeof openid === 'string' && openid ? openid : null;
}

/** The identities a client's call carries in its context: a WeChat user, or a user of CloudBase's own sign-in. */
const CLIENT_IDENTITIES = ['WX_OPENID', 'WX_UNIONID', 'TCB_UUID', 'TCB_CUSTOM_USER_ID'];

/** Whether a client (a mini-program or web user) made this invocation, rather than a trigger or the management API. */
function isClientInvocation(context: unknown): boolean {
  const variables = contextVariables(context);
  return CLIENT_IDENTITIES.some((key) => Boolean(variables?.[key]));
}

/** SCF's timer event, `{ Type: 'Timer', TriggerName, Time, Message }`, from one of the given triggers. */
function isTimerEvent(event: unknown, triggerNames: readonly string[]): boolean {
  if (!event || typeof event !== 'object') return false;
  const { Type, TriggerName } = event as { Type?: unknown; TriggerName?: unknown };
  return String(Type).toLowerCase() === 'timer' && typeof TriggerName === 'string' && triggerNames.includes(TriggerName);
}

/** The container's deps, booted on its first invocation. */
function depsFor(fn: string): Deps {
  if (!deps) {
    try {
      deps = boot(process.env);
    } catch (error) {
      log({ level: 'error', fn, what: 'cannot start', error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }
  return deps;
}

/** A router's `main` (through moduleMain, in the entry scripts/build-functions.ts generates). */
export function cloudMain(router: Router): CloudHandler {
  return async (event, context) => router.handle(event, { openid: callerOpenid(context) }, depsFor(router.name));
}

const refused = (message: string): Envelope<unknown> => ({ ok: false, error: { code: 'FORBIDDEN', message } });

/**
 * `cloudTimerTask(TRIGGERS, run)` for a function only its timer triggers may run: any other
 * invocation (a client's, even one that forges the timer's event, or one without the timer's event) is refused before
 * anything is read. `run` gets the deps and the instant of the invocation; its result is the answer's data.
 */
export function cloudTimerTask(triggerNames: readonly string[], run: (deps: Deps, now: Date) => Promise<unknown>): CloudHandler {
  return async (event, context) => {
    if (!isTimerEvent(event, triggerNames) || isClientInvocation(context)) {
      log({ level: 'warn', what: 'refused: not its timer trigger', client: isClientInvocation(context) });
      return refused('只有定时触发器可以运行这个函数');
    }
    const booted = depsFor('task');
    try {
      return { ok: true, data: await run(booted, booted.now()) };
    } catch (error) {
      log({ level: 'error', what: 'task failed', error: error instanceof Error ? error.message : String(error) });
      throw error; // the platform records the invocation as failed; the next tick runs again
    }
  };
}

/**
 * `cloudAdminTask(run)` for a function only the management API runs (`npm run deploy -- --check`):
 * the function security rules deny clients, and a client's call that gets through anyway is refused here.
 */
export function cloudAdminTask(run: (event: unknown, contextVariables: Record<string, unknown> | null) => Promise<unknown>): CloudHandler {
  return async (event, context) => {
    if (isClientInvocation(context)) {
      log({ level: 'warn', what: 'refused: a client called an administrator task' });
      return refused('只有管理员可以运行这个函数');
    }
    return { ok: true, data: await run(event, contextVariables(context)) };
  };
}

/**
 * The `main` of a module's cloud function, as its generated entry makes it: its router, or its timer task. A module
 * built from other modules (the review queue from their kinds, the reports from their figures, the scheduler from
 * their sweeps) gets those; the others need none, so that their bundles carry their own code only.
 */
export function moduleMain(domain: DomainModule, modules?: readonly DomainModule[]): CloudHandler {
  const listed = () => {
    if (!modules) throw new Error(`${domain.name} is built from other modules`);
    return modules;
  };
  if (domain.timer)
    return cloudTimerTask(
      domain.timer.triggers.map((t) => t.name),
      domain.timer.run(listed()),
    );
  if (typeof domain.router === 'function') return cloudMain(domain.router(listed()));
  if (domain.router) return cloudMain(domain.router);
  throw new Error(`${domain.name} has no router or timer`);
}
