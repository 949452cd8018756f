import { defineCollection, type Doc } from '../core/store/docstore.port';

/** An issued check-in code, keyed by its nonce. */
export interface CodeDoc extends Doc {
  userId: string;
  shortCode: string;
  token: string;
  expiresAt: string;
  usedAt?: string;
  checkinId?: string;
}

export const codes = defineCollection<CodeDoc>({ name: 'checkin_codes', indexes: [] });

/** A short code, keyed by its digits, names one code until `reservedUntil`; then it may be drawn again. */
export interface ShortCodeDoc extends Doc {
  nonce: string;
  reservedUntil: string;
}

export const shortCodes = defineCollection<ShortCodeDoc>({ name: 'checkin_short_codes', indexes: [] });

export interface CheckinDoc extends Doc {
  stationId: string;
  riderId: string;
  at: string;
  /** Asia/Shanghai calendar day, YYYY-MM-DD. */
  day: string;
  pointsAwarded: number;
  nonce: string;
}

export const checkins = defineCollection<CheckinDoc>({
  name: 'checkins',
  indexes: [{ fields: ['stationId', 'day', 'at'] }, { fields: ['riderId', 'at'] }],
});

/** `<riderId>:<day>`: what the rider's check-ins of one Shanghai day already earned; the caps are read from here. */
export interface RiderDayDoc extends Doc {
  credited: number;
  creditedStations: string[];
  visitedStations: string[];
}

export const riderDays = defineCollection<RiderDayDoc>({ name: 'checkin_rider_days', indexes: [] });

/** `<stationId>:<day>`: the station's day in figures, kept in the same transaction as each check-in. */
export interface StationDayDoc extends Doc {
  stationId: string;
  orgId: string;
  day: string;
  visits: number;
  uniqueRiders: number;
  points: number;
}

export const stationDays = defineCollection<StationDayDoc>({
  name: 'checkin_station_days',
  indexes: [{ fields: ['orgId', 'day'] }, { fields: ['stationId', 'day'] }, { fields: ['orgId', 'day', 'stationId'] }],
});

/**
 * `<keyId>`: a device's key for offline codes. The secret is sealed with the field key; `lastStep` is the newest time
 * step redeemed with this key, so each step's code is used once and never after a newer one.
 */
export interface OfflineKeyDoc extends Doc {
  userId: string;
  secretEnc: string;
  issuedAt: string;
  validUntil: string;
  lastStep: number;
}

export const offlineKeys = defineCollection<OfflineKeyDoc>({ name: 'checkin_offline_keys', indexes: [] });

export const CHECKIN_COLLECTIONS = [codes, shortCodes, checkins, riderDays, stationDays, offlineKeys];
