import type { ZodError, ZodTypeAny } from 'zod';
import { schemas, type ActionName, type Envelope, type FunctionName, type OutputOf, type ParsedInputOf } from '../../types';
import type { PushKind } from '../../types/push-kinds';
import { hasRole, type Access } from './access';
import { openCursor, sealCursor, type CursorScope } from './cursors';
import { AppError } from './errors';
import { findUser, newUser, saveNewUser, userIdOf, type UserDoc } from './identity';
import { InvalidCursor, StoreConflict, TxConflict, type DocStore } from './store/docstore.port';

export interface Secrets {
  /** HMAC key for check-in tokens. */
  tokenKey: Buffer;
  /** AES-256-GCM key for sensitive fields; also derives user ids from OPENIDs. */
  fieldKey: Buffer;
}

export interface Deps {
  store: DocStore;
  secrets: Secrets;
  now: () => Date;
  newId: () => string;
  /** The openid that is admin from the start. */
  adminOpenid?: string;
  /** Pushes a WeChat subscribe message of a kind where the platform can; the in-app inbox is written regardless. */
  push?: (openid: string, kind: PushKind, message: { title: string; body: string; link?: string }) => Promise<void>;
  log?: (line: Record<string, unknown>) => void;
  /**
   * Cloud storage, where the platform has it: read a file back to check it, or remove one refused; save a file the
   * server made (its file id) and link it for a while.
   */
  storage?: {
    read(fileId: string): Promise<Buffer>;
    remove(fileId: string): Promise<void>;
    upload?(cloudPath: string, content: Buffer): Promise<string>;
    tempUrl?(fileId: string): Promise<string>;
  };
}

/** One call: the caller, the platform's dependencies, and the instant the call is taken to happen at. */
export interface Ctx {
  user: UserDoc;
  deps: Deps;
  now: Date;
}

/** A call that needs to know only who is calling, not their roles or profile: the caller's document is not read. */
export interface CallerCtx {
  userId: string;
  deps: Deps;
  now: Date;
}

export type ActionDef<F extends FunctionName, A extends ActionName<F>> =
  | { access: Access; run(ctx: Ctx, input: ParsedInputOf<F, A>): Promise<OutputOf<F, A>> }
  /** Anyone identified, by id only: for polls, where one database request fewer a call matters. */
  | { access: 'caller-id'; run(ctx: CallerCtx, input: ParsedInputOf<F, A>): Promise<OutputOf<F, A>> };

export type FunctionDef<F extends FunctionName> = { [A in ActionName<F>]: ActionDef<F, A> };

export interface Router {
  name: FunctionName;
  /** Who may call each action (for access checks made from outside, such as the authorization suite). */
  access: Readonly<Record<string, Access | 'caller-id'>>;
  handle(event: unknown, caller: { openid?: string | null }, deps: Deps): Promise<Envelope<unknown>>;
}

const CHINESE = /[\u4e00-\u9fa5]/;
const BUSY = '操作的人有点多，请稍后再试';

/** What people call the fields a form may leave out or get wrong; a developer's key is never shown. */
const FIELD_NAMES: Record<string, string> = {
  orgId: '所属团委',
  stationId: '驿站',
  programmeId: '骑士班',
  childId: '孩子',
  activityId: '活动',
  rewardId: '奖品',
  slotId: '时段',
  bookingId: '预约',
  caseId: '个案',
  name: '名称',
  title: '标题',
  displayName: '名字',
  phone: '电话',
  emergencyPhone: '紧急联系电话',
  address: '地址',
  location: '位置',
  site: '地点',
  date: '日期',
  start: '开始时间',
  end: '结束时间',
  birthDate: '出生日期',
  description: '说明',
  note: '说明',
  text: '内容',
  topic: '问题描述',
  summary: '小结',
  skills: '技能',
  certificates: '证书',
  capacity: '名额',
  sessions: '班次',
  services: '服务',
  hours: '开放时间',
  photos: '照片',
  code: '签到码',
};

function describeZodError(error: ZodError): string {
  const issue = error.issues[0];
  if (issue && CHINESE.test(issue.message)) return issue.message;
  const label = issue?.path
    .filter((p): p is string => typeof p === 'string')
    .map((p) => FIELD_NAMES[p])
    .filter(Boolean)
    .at(-1);
  if (!label) return '填写的内容有误，请检查后再试';
  const missing = issue?.code === 'invalid_type' && issue.received === 'undefined';
  return missing ? `请填写「${label}」` : `「${label}」填写有误，请检查后再试`;
}

function splitEvent(event: unknown): { action: unknown; input: Record<string, unknown> } {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return { action: undefined, input: {} };
  const { action, ...input } = event as Record<string, unknown>;
  return { action, input };
}

const BAD_CURSOR = '翻页参数无效，请从第一页重新加载';

/** The store's cursor behind the caller's, or INVALID_INPUT when it was not handed out for this very query. */
function openedInput(input: Record<string, unknown>, scope: CursorScope, tokenKey: Buffer): Record<string, unknown> {
  if (typeof input.cursor !== 'string') return input;
  const inner = openCursor(tokenKey, scope, input.cursor);
  if (inner === null) throw new AppError('INVALID_INPUT', BAD_CURSOR);
  return { ...input, cursor: inner };
}

/** The answer with its cursor sealed for the caller and this query. */
function sealedOutput(data: unknown, scope: CursorScope, tokenKey: Buffer): unknown {
  if (typeof data !== 'object' || data === null || !('cursor' in data) || typeof data.cursor !== 'string') return data;
  return { ...data, cursor: sealCursor(tokenKey, scope, data.cursor) };
}

function asAppError(error: unknown): AppError | null {
  if (error instanceof AppError) return error;
  if (error instanceof InvalidCursor) return new AppError('INVALID_INPUT', BAD_CURSOR);
  // A transaction that kept losing to concurrent writers, or a race on a unique key: the caller may simply retry.
  if (error instanceof TxConflict || error instanceof StoreConflict) return new AppError('CONFLICT', BUSY);
  return null;
}

/**
 * Routes one call: identity, input shape, role, then the action's service, in the order the contract fixes.
 * Every failure becomes the envelope's typed error; nothing is written before the input has parsed and the role
 * allows the call (so an unknown caller's refused call creates no user).
 */
export function defineFunction<F extends FunctionName>(name: F, actions: FunctionDef<F>): Router {
  const actionSchemas = schemas[name] as unknown as Record<string, ZodTypeAny>;
  return {
    name,
    access: Object.fromEntries(Object.entries(actions).map(([action, def]) => [action, (def as ActionDef<F, ActionName<F>>).access])),
    async handle(event, caller, deps) {
      const started = Date.now();
      const { action, input } = splitEvent(event);
      let code = 'OK';
      try {
        if (!caller.openid) throw new AppError('UNAUTHENTICATED');
        const def = typeof action === 'string' && Object.hasOwn(actions, action) ? actions[action as ActionName<F>] : undefined;
        const schema = typeof action === 'string' ? actionSchemas[action] : undefined;
        if (!def || !schema) throw new AppError('INVALID_INPUT', '不支持的操作');
        const parsed = schema.safeParse(input);
        if (!parsed.success) throw new AppError('INVALID_INPUT', describeZodError(parsed.error));
        const { tokenKey, fieldKey } = deps.secrets;
        const scope: CursorScope = {
          fn: name,
          action: action as string,
          userId: userIdOf(caller.openid, fieldKey),
          input: parsed.data as Record<string, unknown>,
        };
        const args = openedInput(scope.input, scope, tokenKey);
        const now = deps.now();
        if (def.access === 'caller-id') {
          const data = await def.run({ userId: scope.userId, deps, now }, args as typeof parsed.data);
          return { ok: true, data: sealedOutput(data, scope, tokenKey) };
        }
        const known = await findUser(deps.store, caller.openid, fieldKey);
        const user = known ?? newUser(caller.openid, fieldKey, now, deps.adminOpenid);
        if (!hasRole(user, def.access)) throw new AppError('FORBIDDEN');
        const data = await def.run({ user: known ?? (await saveNewUser(deps.store, user)), deps, now }, args as typeof parsed.data);
        return { ok: true, data: sealedOutput(data, scope, tokenKey) };
      } catch (error) {
        const known = asAppError(error);
        if (known) {
          code = known.code;
          return { ok: false, error: { code: known.code, message: known.message } };
        }
        code = 'INTERNAL';
        deps.log?.({ level: 'error', fn: name, action, error: error instanceof Error ? error.stack : String(error) });
        return { ok: false, error: { code: 'INTERNAL', message: '服务开小差了，请稍后再试' } };
      } finally {
        // Only the route and outcome: inputs may hold personal data and are never logged.
        deps.log?.({ fn: name, action: typeof action === 'string' ? action : null, code, ms: Date.now() - started });
      }
    },
  };
}
