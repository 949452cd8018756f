import type { ZodError, ZodTypeAny } from 'zod';
import {
  schemas,
  type ActionName,
  type Envelope,
  type FunctionName,
  type OutputOf,
  type ParsedInputOf,
  type Role,
} from '../../types';
import { AppError } from './errors';
import type { Store, UserRecord } from './store/store.port';
import { ensureUser } from './services/users';

export interface Secrets {
  /** HMAC key for check-in tokens. */
  tokenKey: Buffer;
  /** AES-256-GCM key for sensitive fields. */
  fieldKey: Buffer;
}

export interface Deps {
  store: Store;
  secrets: Secrets;
  now: () => Date;
  newId: () => string;
  /** The openid that is admin from the start. */
  adminOpenid?: string;
  /** Pushes a WeChat subscribe message where the platform can; the in-app inbox is written regardless. */
  push?: (openid: string, message: { title: string; body: string; link?: string }) => Promise<void>;
  log?: (line: Record<string, unknown>) => void;
}

export interface Ctx {
  user: UserRecord;
  deps: Deps;
  now: Date;
}

/** Who may call an action: anyone identified, or a holder of one of the roles. */
export type Access = 'anyone' | readonly Role[];

export interface ActionDef<F extends FunctionName, A extends ActionName<F>> {
  access: Access;
  run(ctx: Ctx, input: ParsedInputOf<F, A>): Promise<OutputOf<F, A>>;
}

export type FunctionDef<F extends FunctionName> = { [A in ActionName<F>]: ActionDef<F, A> };

export interface Router {
  name: FunctionName;
  handle(event: unknown, caller: { openid?: string | null }, deps: Deps): Promise<Envelope<unknown>>;
}

export function hasRole(user: UserRecord, roles: Access): boolean {
  return roles === 'anyone' || roles.some((r) => user.roles.includes(r));
}

const CHINESE = /[\u4e00-\u9fa5]/;

function describeZodError(error: ZodError): string {
  const issue = error.issues[0];
  if (issue && CHINESE.test(issue.message)) return issue.message;
  const field = issue?.path.join('.');
  return field ? `填写的内容有误：${field}` : '填写的内容有误，请检查后再试';
}

function splitEvent(event: unknown): { action: unknown; input: Record<string, unknown> } {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return { action: undefined, input: {} };
  const { action, ...input } = event as Record<string, unknown>;
  return { action, input };
}

/**
 * Routes one call: identity, input shape, role, then the action's service, in the order the contract fixes.
 * Every failure becomes the envelope's typed error; nothing is written before the input has parsed.
 */
export function defineFunction<F extends FunctionName>(name: F, actions: FunctionDef<F>): Router {
  const actionSchemas = schemas[name] as unknown as Record<string, ZodTypeAny>;
  return {
    name,
    async handle(event, caller, deps) {
      const started = Date.now();
      const { action, input } = splitEvent(event);
      let code = 'OK';
      try {
        if (!caller.openid) throw new AppError('UNAUTHENTICATED');
        if (typeof action !== 'string' || !Object.hasOwn(actions, action)) {
          throw new AppError('INVALID_INPUT', '不支持的操作');
        }
        const def = actions[action as ActionName<F>];
        const parsed = actionSchemas[action].safeParse(input);
        if (!parsed.success) throw new AppError('INVALID_INPUT', describeZodError(parsed.error));
        const user = await ensureUser(deps, caller.openid);
        if (!hasRole(user, def.access)) throw new AppError('FORBIDDEN');
        const data = await def.run({ user, deps, now: deps.now() }, parsed.data);
        return { ok: true, data };
      } catch (error) {
        if (error instanceof AppError) {
          code = error.code;
          return { ok: false, error: { code: error.code, message: error.message } };
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
