import Taro from '@tarojs/taro';
import type { LatLng } from '../../types/common';

/**
 * 嘉善县城 (GCJ-02): where the demo data lives. It centres the station list when the real location is refused or
 * unavailable; it is never a place anyone submits (see Place).
 */
export const DEMO_LOCATION: LatLng = { lat: 30.841, lng: 120.926 };

export interface Located {
  location: LatLng;
  /** True when this is the demo location, not the rider's. */
  demo: boolean;
  /** Why the real location could not be had, in words the person can act on (only with `demo`). */
  reason?: string;
}

const TIMEOUT_MS = 8000;

function errMsg(e: unknown): string {
  return typeof e === 'object' && e !== null && 'errMsg' in e ? String((e as { errMsg: unknown }).errMsg) : '';
}

/** A location that could not be had, and why, in Chinese. */
export class LocateError extends Error {}

export const REASONS = {
  insecure: '这个网页不能使用定位（需要 https 或本机地址打开）',
  unsupported: '这个浏览器不支持定位',
  browserDenied: '你没有允许这个网页使用位置，可在浏览器的网站设置里打开',
  weappDenied: '你没有允许小程序使用位置，可在右上角「···」→「设置」里打开',
  privacy: '你没有同意隐私保护指引，暂时不能使用位置',
  systemOff: '手机的定位服务没有打开，请在系统设置里打开',
  unavailable: '手机暂时无法定位，请到开阔处再试',
  timeout: '定位超时，请到开阔处再试',
  unknown: '暂时无法获取位置',
};

/** WeChat's fail message turned into the reason a rider can act on. */
export function weappReason(errMsg: string): string {
  if (/auth den|authorize|scope/i.test(errMsg)) return REASONS.weappDenied;
  if (/privacy/i.test(errMsg)) return REASONS.privacy;
  if (/system permission|LOCATIONSWITCHOFF|location service/i.test(errMsg)) return REASONS.systemOff;
  if (/timeout/i.test(errMsg)) return REASONS.timeout;
  return REASONS.unknown;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new LocateError(REASONS.timeout)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(errMsg(e)));
      },
    );
  });
}

/** WeChat's privacy flow first (the user must agree to the privacy guide before getLocation may run). */
async function privacyAgreed(): Promise<boolean> {
  if (process.env.TARO_ENV !== 'weapp') return true;
  if (typeof Taro.getPrivacySetting !== 'function') return true;
  // Taro types this API's promise as void; the success callback carries the typed result.
  const needed = await new Promise<boolean>((resolve) => {
    void Taro.getPrivacySetting({
      success: (res) => resolve(res.needAuthorization),
      fail: () => resolve(false),
    });
  });
  if (!needed) return true;
  if (typeof Taro.requirePrivacyAuthorize !== 'function') return true;
  try {
    await Taro.requirePrivacyAuthorize();
    return true;
  } catch {
    return false;
  }
}

/** The browser's fix, converted; a constant condition keeps its code (and gcoord) out of the weapp build. */
function browserLocation(): Promise<LatLng> {
  return process.env.TARO_ENV === 'weapp'
    ? Promise.reject(new LocateError(REASONS.unknown))
    : import('./browser-location').then((m) => m.browserPosition({ timeoutMs: TIMEOUT_MS, reasons: REASONS, fail: (reason) => new LocateError(reason) }));
}

/** WeChat's GCJ-02 fix. */
async function weappPosition(): Promise<LatLng> {
  if (!(await privacyAgreed())) throw new LocateError(REASONS.privacy);
  try {
    const res = await withTimeout(Taro.getLocation({ type: 'gcj02' }), TIMEOUT_MS);
    if (!Number.isFinite(res.latitude) || !Number.isFinite(res.longitude)) throw new LocateError(REASONS.unavailable);
    return { lat: res.latitude, lng: res.longitude };
  } catch (e) {
    if (e instanceof LocateError) throw e;
    throw new LocateError(weappReason(errMsg(e) || (e instanceof Error ? e.message : '')));
  }
}

/**
 * The rider's GCJ-02 location: WeChat's own fix, or in H5 the browser's (WGS-84, converted). When refused or
 * unavailable, the demo location in 嘉善 with the reason to show.
 */
export async function locate(): Promise<Located> {
  try {
    const location = process.env.TARO_ENV === 'weapp' ? await weappPosition() : await withTimeout(browserLocation(), TIMEOUT_MS + 1000);
    return { location, demo: false };
  } catch (e) {
    return { location: DEMO_LOCATION, demo: true, reason: e instanceof LocateError ? e.message : REASONS.unknown };
  }
}

/** A place the rider chose: where, and in words (an address, a crossing, a landmark; may be empty). */
export interface Place {
  location: LatLng;
  address: string;
}

/**
 * WeChat's map picker, starting at `near`. Answers null when the rider cancels, and throws when the picker cannot
 * open: the caller says so and never puts another place in its stead.
 */
export async function chooseOnMap(near?: LatLng): Promise<Place | null> {
  if (!(await privacyAgreed())) throw new LocateError(REASONS.privacy);
  try {
    const res = await Taro.chooseLocation(near ? { latitude: near.lat, longitude: near.lng } : {});
    if (!Number.isFinite(res.latitude) || !Number.isFinite(res.longitude)) return null;
    const address = [res.address, res.name].filter(Boolean).join(' ');
    return { location: { lat: res.latitude, lng: res.longitude }, address };
  } catch (e) {
    if (errMsg(e).includes('cancel')) return null;
    throw new LocateError(weappReason(errMsg(e)));
  }
}
