/**
 * Who is calling: the user document behind an OPENID. Users are keyed by an id derived from the OPENID with the field
 * key, so finding the caller is one read by `_id`, two first calls of one person cannot make two users, and the
 * OPENID itself never appears in ids, tokens or answers.
 */
import type { Role } from '../../types';
import type { Caller } from './access';
import { hmac } from './crypto';
import { StoreConflict, defineCollection, type Doc, type DocReader, type DocStore } from './store/docstore.port';

export interface UserDoc extends Doc, Caller {
  openid: string;
  roles: Role[];
  displayName: string;
  /** The rider's home committee. */
  orgId?: string;
  stationIds: string[];
  cadreOrgIds: string[];
  platform?: string;
  birthYear?: number;
  leagueMember?: boolean;
  /** Sealed with the field key (core/crypto). */
  phoneEnc?: string;
  /** A keyed hash of the phone number (phoneKeyOf), so an admin can find a person by it without it in clear. */
  phoneKey?: string;
  verified: boolean;
  createdAt: string;
}

/** By home committee, with what the committee's registry (摸清底数) counts of its riders; by name and phone key for admins. */
export const users = defineCollection<UserDoc>({
  name: 'users',
  indexes: [{ fields: ['orgId', 'verified', 'platform', 'birthYear', 'leagueMember'] }, { fields: ['displayName'] }, { fields: ['phoneKey'] }],
});

/** The lookup key of a phone number: the same number gives the same key, and the key does not give the number. */
export function phoneKeyOf(phone: string, fieldKey: Buffer): string {
  return hmac(fieldKey, `phone:${phone}`).subarray(0, 16).toString('base64url');
}

export function userIdOf(openid: string, fieldKey: Buffer): string {
  return hmac(fieldKey, `user:${openid}`).subarray(0, 12).toString('base64url');
}

export function defaultDisplayName(userId: string): string {
  return `骑手${userId.slice(-4).toUpperCase()}`;
}

/** A plain rider, not yet stored (admin when it is the configured admin openid). */
export function newUser(openid: string, fieldKey: Buffer, now: Date, adminOpenid?: string): UserDoc {
  const id = userIdOf(openid, fieldKey);
  return {
    _id: id,
    openid,
    roles: openid === adminOpenid ? ['rider', 'admin'] : ['rider'],
    displayName: defaultDisplayName(id),
    stationIds: [],
    cadreOrgIds: [],
    verified: false,
    createdAt: now.toISOString(),
  };
}

export async function findUser(store: DocReader, openid: string, fieldKey: Buffer): Promise<UserDoc | null> {
  return store.get(users, userIdOf(openid, fieldKey));
}

/** Stores a new user; when a concurrent first call stored it already, answers that one. */
export async function saveNewUser(store: DocStore, user: UserDoc): Promise<UserDoc> {
  try {
    await store.insert(users, user);
    return user;
  } catch (error) {
    if (!(error instanceof StoreConflict)) throw error;
    return (await store.get(users, user._id)) ?? user;
  }
}

/** Users by id, in one query; missing ids are left out. */
export async function usersById(store: DocReader, ids: readonly string[]): Promise<Map<string, UserDoc>> {
  const unique = [...new Set(ids)];
  const found = new Map<string, UserDoc>();
  for (let i = 0; i < unique.length; i += 100) {
    const page = await store.find(users, { where: { _id: { $in: unique.slice(i, i + 100) } }, limit: 100 });
    for (const u of page.items) found.set(u._id, u);
  }
  return found;
}
