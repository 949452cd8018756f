export const ERROR_CODES = ['INVALID_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'EXPIRED', 'RATE_LIMITED', 'INTERNAL'] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
}

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: ApiErrorBody };

/** Default Chinese message per code, used when a rule gives none of its own. */
export const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
  INVALID_INPUT: '填写的内容有误，请检查后再试',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '找不到相关内容',
  CONFLICT: '状态已变化，请刷新后再试',
  EXPIRED: '已过期，请刷新后再试',
  RATE_LIMITED: '操作太频繁，请稍后再试',
  INTERNAL: '服务开小差了，请稍后再试',
};

/** Checks the envelope's shape; the data's type is the contract's promise for the action called. */
export function isEnvelope<T = unknown>(value: unknown): value is Envelope<T> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; error?: { code?: unknown; message?: unknown } };
  if (v.ok === true) return 'data' in value;
  return v.ok === false && typeof v.error?.message === 'string' && (ERROR_CODES as readonly unknown[]).includes(v.error.code);
}
