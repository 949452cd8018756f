import { defineCollection, type Doc } from '../../core/store/docstore.port';

/** An issued check-in code, keyed by its nonce. */
export interface CodeDoc extends Doc {
  userId: string;
  /** The rider's display name and home committee when the code was issued (it lives a minute): what a scan shows and credits. */
  riderName: string;
  riderOrgId?: string;
  shortCode: string;
  token: string;
  expiresAt: string;
}

export const codes = defineCollection<CodeDoc>({ name: 'checkin_codes', indexes: [] });

/** A short code, keyed by its digits, names one code until `reservedUntil`; then it may be drawn again. */
export interface ShortCodeDoc extends Doc {
  nonce: string;
  reservedUntil: string;
}

export const shortCodes = defineCollection<ShortCodeDoc>({ name: 'checkin_short_codes', indexes: [] });

/** What a rider's code was used for, wherever it was scanned. */
export type CodeUse = 'checkin' | 'activity' | 'meal' | 'care-pack' | 'volunteer';

/**
 * A code was used: `<nonce>` for an online code, `offline:<riderId>:<step>` for an offline one. Inserted in the
 * transaction of whatever the scan does, so a code acts once wherever and however often it is scanned; the rider's
 * screen reads it to learn that its code was scanned.
 */
export interface CodeUseDoc extends Doc {
  riderId: string;
  use: CodeUse;
  at: string;
  /** A check-in's station, and the points it earned. */
  placeName?: string;
  pointsAwarded?: number;
}

export const codeUses = defineCollection<CodeUseDoc>({ name: 'checkin_code_uses', indexes: [] });

export interface CheckinDoc extends Doc {
  stationId: string;
  riderId: string;
  riderName: string;
  at: string;
  /** Asia/Shanghai calendar day, YYYY-MM-DD. */
  day: string;
  pointsAwarded: number;
  /** The code use (or activity attendance) that made this visit. */
  ref: string;
}

export const checkins = defineCollection<CheckinDoc>({
  name: 'checkins',
  indexes: [{ fields: ['stationId', 'day', 'at'] }, { fields: ['riderId', 'at'] }],
});

/** `<riderId>:<day>`: what the rider's check-ins of one Shanghai day already earned; the caps are read from here. */
export interface RiderDayDoc extends Doc {
  credited: number;
  creditedStations: string[];
  /** The newest time step of the rider's offline codes redeemed today: an older one is refused after it. */
  lastOfflineStep?: number;
}

export const riderDays = defineCollection<RiderDayDoc>({ name: 'checkin_rider_days', indexes: [] });

/**
 * `<keyId>`: a device's key for offline codes. The secret is sealed with the field key. A key stops making codes
 * when it runs out or when the rider's newer devices push it out (`revokedAt`).
 */
export interface OfflineKeyDoc extends Doc {
  userId: string;
  /** As on an online code: the rider as they were when the key was issued. */
  riderName: string;
  riderOrgId?: string;
  secretEnc: string;
  issuedAt: string;
  validUntil: string;
  revokedAt?: string;
}

export const offlineKeys = defineCollection<OfflineKeyDoc>({ name: 'checkin_offline_keys', indexes: [] });

/** `<riderId>`: the rider's live offline keys, oldest first (a few devices at most). */
export interface OfflineDevicesDoc extends Doc {
  keys: { keyId: string; validUntil: string }[];
}

export const offlineDevices = defineCollection<OfflineDevicesDoc>({ name: 'checkin_offline_devices', indexes: [] });

export const CODES_COLLECTIONS = [codes, shortCodes, codeUses, checkins, riderDays, offlineKeys, offlineDevices];
