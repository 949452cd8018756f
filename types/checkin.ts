import { z } from 'zod';
import { id } from './common';

export interface Checkin {
  id: string;
  stationId: string;
  riderId: string;
  riderName: string;
  at: string;
  pointsAwarded: number;
}

export const checkinSchemas = {
  issueCode: z.object({}),
  /** A key for the rider's device to show offline codes (see types/offline-code.ts). */
  issueOfflineKey: z.object({}),
  redeem: z.object({ code: z.string().trim().min(4).max(600), stationId: id }),
  /** The rider's screen asks whether its code was scanned. */
  codeStatus: z.object({ code: z.string().trim().min(4).max(600) }),
  /** Staff: today's visits at their station. */
  today: z.object({ stationId: id }),
};

export interface CheckinApi {
  issueCode: { output: { code: string; shortCode: string; expiresAt: string; ttlSeconds: number } };
  issueOfflineKey: {
    output: {
      keyId: string;
      /** 32 bytes, base64url: the device keeps it and derives each time step's code from it. */
      secret: string;
      validUntil: string;
      /** The server's clock when the key was issued: the device corrects its own clock by it while offline. */
      serverTime: string;
      stepSeconds: number;
    };
  };
  redeem: {
    output: {
      checkinId: string;
      pointsAwarded: number;
      /** Why the visit earned what it did: credited, or a daily cap (the visit is recorded regardless). */
      creditReason: 'credited' | 'station-daily-cap' | 'daily-cap';
      /** A sentence for the staff screen, e.g. 签到成功，获得 5 积分. */
      note: string;
      rider: { id: string; displayName: string };
    };
  };
  codeStatus: {
    output: { redeemed: boolean; expired: boolean; pointsAwarded?: number; stationName?: string };
  };
  today: { output: { visits: number; uniqueRiders: number; checkins: Checkin[] } };
}
