import type { User } from '../../../types';
import { maskPhone, openField } from '../crypto';
import type { Deps } from '../runtime';
import { StoreConflict, type UserRecord } from '../store/store.port';

export function defaultDisplayName(userId: string): string {
  return `骑手${userId.slice(-4).toUpperCase()}`;
}

/** The caller's user, created as a plain rider on its first call (admin when it is the configured admin openid). */
export async function ensureUser(deps: Deps, openid: string): Promise<UserRecord> {
  const existing = await deps.store.users.byOpenid(openid);
  if (existing) return existing;
  const id = deps.newId();
  const user: UserRecord = {
    id,
    openid,
    roles: openid === deps.adminOpenid ? ['rider', 'admin'] : ['rider'],
    displayName: defaultDisplayName(id),
    stationIds: [],
    cadreOrgIds: [],
    verified: false,
    createdAt: deps.now().toISOString(),
  };
  try {
    await deps.store.users.insert(user);
    return user;
  } catch (error) {
    // Two first calls of one caller at once: the other one created it.
    if (!(error instanceof StoreConflict)) throw error;
    const winner = await deps.store.users.byOpenid(openid);
    if (!winner) throw error;
    return winner;
  }
}

export function toUser(record: UserRecord, fieldKey: Buffer, stars: User['stars'] = []): User {
  const user: User = {
    id: record.id,
    roles: record.roles,
    displayName: record.displayName,
    verified: record.verified,
    stationIds: record.stationIds,
    cadreOrgIds: record.cadreOrgIds,
  };
  if (record.orgId) user.orgId = record.orgId;
  if (record.platform) user.platform = record.platform;
  if (record.phoneEnc) user.phone = maskPhone(openField(record.phoneEnc, fieldKey));
  if (stars.length) user.stars = stars;
  return user;
}
