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
}

const TIMEOUT_MS = 8000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
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

/** The rider's GCJ-02 location, or the demo location in 嘉善 when refused or unavailable. */
export async function locate(): Promise<Located> {
  try {
    if (!(await privacyAgreed())) return { location: DEMO_LOCATION, demo: true };
    const res = await withTimeout(Taro.getLocation({ type: 'gcj02' }), TIMEOUT_MS);
    if (!Number.isFinite(res.latitude) || !Number.isFinite(res.longitude)) throw new Error('no fix');
    return { location: { lat: res.latitude, lng: res.longitude }, demo: false };
  } catch {
    return { location: DEMO_LOCATION, demo: true };
  }
}

/** A place the rider chose: where, and in words (an address, a crossing, a landmark; may be empty). */
export interface Place {
  location: LatLng;
  address: string;
}

function errMsg(e: unknown): string {
  return typeof e === 'object' && e !== null && 'errMsg' in e ? String((e as { errMsg: unknown }).errMsg) : '';
}

/**
 * WeChat's map picker, starting at `near`. Answers null when the rider cancels, and throws when the picker cannot
 * open: the caller says so and never puts another place in its stead.
 */
export async function chooseOnMap(near?: LatLng): Promise<Place | null> {
  if (!(await privacyAgreed())) throw new Error('privacy');
  try {
    const res = await Taro.chooseLocation(near ? { latitude: near.lat, longitude: near.lng } : {});
    if (!Number.isFinite(res.latitude) || !Number.isFinite(res.longitude)) return null;
    const address = [res.address, res.name].filter(Boolean).join(' ');
    return { location: { lat: res.latitude, lng: res.longitude }, address };
  } catch (e) {
    if (errMsg(e).includes('cancel')) return null;
    throw e instanceof Error ? e : new Error(errMsg(e) || 'chooseLocation failed');
  }
}
