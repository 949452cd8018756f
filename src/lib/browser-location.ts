import gcoord from 'gcoord';
import type { LatLng } from '../../types/common';
/** What to say for each way the browser can fail to answer (location.ts's REASONS). */
type Reasons = Record<'insecure' | 'unsupported' | 'browserDenied' | 'timeout' | 'unavailable', string>;

interface Options {
  timeoutMs: number;
  reasons: Reasons;
  fail: (reason: string) => Error;
}

/** The browser's position (WGS-84), converted to the GCJ-02 the maps and the API use, with gcoord. */
export function browserPosition({ timeoutMs, reasons, fail }: Options): Promise<LatLng> {
  const g = globalThis as unknown as { isSecureContext?: boolean; navigator?: { geolocation?: Geolocation } };
  if (g.isSecureContext === false) return Promise.reject(fail(reasons.insecure));
  const geolocation = g.navigator?.geolocation;
  if (!geolocation) return Promise.reject(fail(reasons.unsupported));
  return new Promise((resolve, reject) => {
    geolocation.getCurrentPosition(
      ({ coords }) => {
        const [lng, lat] = gcoord.transform([coords.longitude, coords.latitude], gcoord.WGS84, gcoord.GCJ02);
        resolve({ lat, lng });
      },
      (e) => reject(fail(e.code === 1 ? reasons.browserDenied : e.code === 3 ? reasons.timeout : reasons.unavailable)),
      { timeout: timeoutMs, maximumAge: 60_000, enableHighAccuracy: false },
    );
  });
}
