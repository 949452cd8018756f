import Taro from '@tarojs/taro';
import type { LatLng } from '../../types/common';
import type { NearbyStation } from '../../types/stations';

const KEY = 'rider-hub:nearby';

export interface CachedNearby {
  location: LatLng;
  demo: boolean;
  stations: NearbyStation[];
  savedAt: number;
}

/** The last station list, shown at once while a fresh one loads (weak signal in basements). */
export function readNearbyCache(): CachedNearby | null {
  try {
    const value: unknown = Taro.getStorageSync(KEY);
    if (typeof value !== 'object' || value === null) return null;
    const v = value as Partial<CachedNearby>;
    if (!Array.isArray(v.stations) || !v.location) return null;
    return v as CachedNearby;
  } catch {
    return null;
  }
}

export function writeNearbyCache(entry: CachedNearby): void {
  try {
    Taro.setStorageSync(KEY, entry);
  } catch {
    // A full storage only costs the cache.
  }
}

/** The last known location, e.g. for the distance on a station's detail page. */
export function lastLocation(): LatLng | null {
  return readNearbyCache()?.location ?? null;
}
