/**
 * Builders for the committees, stations and people a test or a bench needs, written straight to a store, so tests do
 * not lean on the demo seed's ids.
 */
import type { HoursRule, LiveStatus, MealWindow, OrgKind, Role, StationService } from '../../types';
import { newUser, users, type UserDoc } from '../../cloudfunctions/core/identity';
import type { Deps } from '../../cloudfunctions/core/runtime';
import { geoPoint, type DocStore } from '../../cloudfunctions/core/store/docstore.port';
import { orgs } from '../../cloudfunctions/capabilities/orgs/collections';
import { rewards } from '../../cloudfunctions/features/points/collections';
import { stations, type StationDoc } from '../../cloudfunctions/capabilities/orgs/station-directory';
import { volunteers } from '../../cloudfunctions/capabilities/programmes/collections';
import { sealField } from '../../cloudfunctions/core/crypto';

export async function buildOrg(store: DocStore, id: string, over: { name?: string; kind?: OrgKind; parentId?: string } = {}): Promise<string> {
  await store.insert(orgs, { _id: id, name: over.name ?? `团委 ${id}`, kind: over.kind ?? 'town', ...(over.parentId ? { parentId: over.parentId } : {}) });
  return id;
}

export interface StationSpec {
  orgId: string;
  lat?: number;
  lng?: number;
  name?: string;
  services?: StationService[];
  liveStatus?: LiveStatus;
  published?: boolean;
  hours?: HoursRule[];
  meals?: MealWindow[];
}

export function stationDoc(id: string, s: StationSpec, createdAt = '2026-01-01T00:00:00.000Z'): StationDoc {
  return {
    _id: id,
    name: s.name ?? `驿站 ${id}`,
    orgId: s.orgId,
    location: geoPoint({ lat: s.lat ?? 30.84, lng: s.lng ?? 120.93 }),
    address: '浙江省嘉兴市',
    services: s.services ?? ['rest'],
    liveStatus: s.liveStatus ?? 'open',
    published: s.published ?? true,
    ...(s.hours ? { hours: s.hours } : {}),
    ...(s.meals ? { meals: s.meals } : {}),
    createdAt,
  };
}

export async function buildStation(store: DocStore, id: string, s: StationSpec): Promise<string> {
  await store.insert(stations, stationDoc(id, s));
  return id;
}

export interface PersonSpec {
  roles?: Role[];
  stationIds?: string[];
  cadreOrgIds?: string[];
  orgId?: string;
  displayName?: string;
  verified?: boolean;
  listed?: boolean;
}

/** A user with the given roles, keyed as the runtime will find it by openid. */
export async function buildPerson(deps: Deps, openid: string, p: PersonSpec = {}): Promise<UserDoc> {
  const user: UserDoc = {
    ...newUser(openid, deps.secrets.fieldKey, deps.now()),
    roles: ['rider', ...(p.roles ?? [])],
    stationIds: p.stationIds ?? [],
    cadreOrgIds: p.cadreOrgIds ?? [],
    verified: p.verified ?? false,
    ...(p.orgId ? { orgId: p.orgId } : {}),
    ...(p.displayName ? { displayName: p.displayName } : {}),
    ...(p.listed !== undefined ? { listed: p.listed } : {}),
  };
  await deps.store.insert(users, user);
  return user;
}

/** An approved volunteer of the committee `orgId` (as if their application had been approved there). */
export async function buildVolunteer(deps: Deps, openid: string, orgId: string, p: PersonSpec = {}): Promise<UserDoc> {
  const user = await buildPerson(deps, openid, { ...p, roles: ['volunteer', ...(p.roles ?? [])] });
  const at = deps.now().toISOString();
  await deps.store.insert(volunteers, {
    _id: user._id,
    orgId,
    nameEnc: sealField(user.displayName, deps.secrets.fieldKey),
    skills: ['作业辅导'],
    certificatesEnc: sealField('[]', deps.secrets.fieldKey),
    status: 'approved',
    reviewId: `test-volunteer-${user._id}`,
    appliedAt: at,
    approvedAt: at,
  });
  return user;
}

export async function buildReward(store: DocStore, id: string, r: { name?: string; cost: number; stock: number }): Promise<string> {
  await store.insert(rewards, { _id: id, name: r.name ?? `奖品 ${id}`, cost: r.cost, stock: r.stock, createdAt: '2026-01-01T00:00:00.000Z' });
  return id;
}
