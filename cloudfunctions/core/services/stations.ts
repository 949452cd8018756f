import type { NearbyStation, ParsedInputOf, Station, StationView } from '../../../types';
import { forbidden, notFound } from '../errors';
import { distanceM } from '../geo';
import { isOpenAt } from '../opening-hours';
import type { Ctx } from '../runtime';
import type { StationRecord, UserRecord } from '../store/store.port';
import { scopeOf } from './orgs';
import { submitReview } from './review-submit';

export function toStation(s: StationRecord): Station {
  const { createdAt: _createdAt, ...station } = s;
  return station;
}

/** Open now: inside its weekly hours and not marked closed by staff. */
export function isOpenNow(s: StationRecord, at: Date): boolean {
  return s.liveStatus !== 'closed' && isOpenAt(s.hours, at);
}

export function isCadreOf(user: UserRecord, orgs: Parameters<typeof scopeOf>[0], orgId: string): boolean {
  return user.roles.includes('admin') || (user.roles.includes('cadre') && scopeOf(orgs, user.cadreOrgIds).has(orgId));
}

export async function create({ user, deps, now }: Ctx, input: ParsedInputOf<'stations', 'create'>): Promise<{ station: Station }> {
  const orgs = await deps.store.orgs.all();
  if (!isCadreOf(user, orgs, input.orgId)) throw forbidden('只能为本团委及下级团委登记驿站');
  if (!orgs.some((o) => o.id === input.orgId)) throw notFound('团委不存在');
  const station: StationRecord = { ...input, id: deps.newId(), liveStatus: 'open', published: true, createdAt: now.toISOString() };
  await deps.store.stations.insert(station);
  return { station: toStation(station) };
}

export async function nearby({ deps, now }: Ctx, input: ParsedInputOf<'stations', 'nearby'>): Promise<{ stations: NearbyStation[] }> {
  const found = await deps.store.stations.near({
    center: { lat: input.lat, lng: input.lng },
    radiusM: input.radiusM,
    limit: input.limit,
    services: input.services,
    accept: input.openNow ? (s) => isOpenNow(s, now) : undefined,
  });
  return {
    stations: found.map(({ station, distanceM: d }) => ({
      ...toStation(station),
      distanceM: Math.round(d),
      openNow: isOpenNow(station, now),
    })),
  };
}

export async function get({ user, deps, now }: Ctx, input: ParsedInputOf<'stations', 'get'>): Promise<{ station: StationView }> {
  const station = await deps.store.stations.get(input.id);
  const mayPreview = station && (user.roles.includes('admin') || user.roles.includes('cadre'));
  if (!station || (!station.published && !mayPreview)) throw notFound('找不到这个驿站');
  const view: StationView = { ...toStation(station), openNow: isOpenNow(station, now) };
  if (input.lat !== undefined && input.lng !== undefined) {
    view.distanceM = Math.round(distanceM({ lat: input.lat, lng: input.lng }, station.location));
  }
  return { station: view };
}

export async function apply({ user, deps, now }: Ctx, input: ParsedInputOf<'stations', 'apply'>): Promise<{ reviewId: string }> {
  if (!(await deps.store.orgs.get(input.orgId))) throw notFound('团委不存在');
  const { note, ...details } = input;
  const stationId = deps.newId();
  return deps.store.transaction(async (tx) => {
    await tx.stations.insert({ ...details, id: stationId, liveStatus: 'open', published: false, createdAt: now.toISOString() });
    const reviewId = await submitReview(tx, deps, user, {
      kind: 'station',
      orgId: input.orgId,
      payload: { stationId, name: input.name, address: input.address, services: input.services },
      note,
      location: input.location,
    });
    return { reviewId };
  });
}

export async function setStatus({ user, deps }: Ctx, input: ParsedInputOf<'stations', 'setStatus'>): Promise<{ station: Station }> {
  const station = await deps.store.stations.get(input.id);
  const allowed = user.roles.includes('admin') || (user.roles.includes('staff') && user.stationIds.includes(input.id));
  if (!allowed) throw forbidden('只有本驿站的工作人员可以更新状态');
  if (!station) throw notFound('找不到这个驿站');
  const updated = { ...station, liveStatus: input.liveStatus };
  await deps.store.stations.update(updated);
  return { station: toStation(updated) };
}
