import Taro from '@tarojs/taro';
import type { ActionName, FunctionName, InputOf, OutputOf } from '../../types';
import { DEFAULT_MESSAGES, isEnvelope, type ErrorCode } from '../../types/errors';
import { currentOpenid } from './identity';

/** A failed call: the contract's code and a Chinese message fit to show as is. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

async function send(fn: FunctionName, data: Record<string, unknown>): Promise<unknown> {
  if (process.env.TARO_ENV === 'weapp') {
    const res = await Taro.cloud.callFunction({ name: fn, data });
    return res.result;
  }
  // Local mode: the gateway beside the H5 app trusts this header (it listens on loopback only).
  const openid = currentOpenid();
  const res = await fetch(`/api/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(openid ? { 'X-Rider-Hub-User': openid } : {}) },
    body: JSON.stringify(data),
  });
  return res.json();
}

/** The only way pages reach the server: typed by the contract in types/, checked against the envelope. */
export async function callFunction<F extends FunctionName, A extends ActionName<F>>(fn: F, action: A, input: InputOf<F, A>): Promise<OutputOf<F, A>> {
  let result: unknown;
  try {
    result = await send(fn, { ...(input as object), action });
  } catch {
    throw new ApiError('INTERNAL', '网络不给力，请检查网络后重试');
  }
  if (!isEnvelope<OutputOf<F, A>>(result)) throw new ApiError('INTERNAL', DEFAULT_MESSAGES.INTERNAL);
  if (!result.ok) throw new ApiError(result.error.code, result.error.message);
  return result.data;
}
