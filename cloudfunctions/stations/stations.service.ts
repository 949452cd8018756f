import type { NearbyStation, ParsedInputOf, Station, StationDetails, StationView } from '../../types';
import { isAdmin, isCadreOf, isStaffOf, oversight, inOversight } from '../core/access';
import { openField, sealField } from '../core/crypto';
import { forbidden, notFound } from '../core/errors';
import { distanceM } from '../core/geo';
import type { Ctx } from '../core/runtime';
import { geoPoint, latLngOf, type DocReader } from '../core/store/docstore.port';
import { allOrgs, getOrg } from '../orgs/orgs.service';
import { fileReview } from '../review/submit';
import { stations, type StationDoc } from './collections';
import { isOpenAt } from './opening-hours';
import { stationKind } from './station-kind';

/** How many candidates `nearby` reads per station it answers when it must also filter by opening hours. */
const OPEN_NOW_OVERSCAN = 5;

export function toStation({ _id, createdAt: _createdAt, location, phoneEnc, ...s }: StationDoc, fieldKey: Buffer): Station {
  return { ...s, id: _id, location: latLngOf(location), ...(phoneEnc ? { phone: openField(phoneEnc, fieldKey) } : {}) };
}

/** A new station's document from the details given (create or apply). */
function stationDoc(id: string, { phone, location, ...details }: StationDetails, published: boolean, now: Date, fieldKey: Buffer): StationDoc {
  return {
    ...details,
    _id: id,
    location: geoPoint(location),
    ...(phone ? { phoneEnc: sealField(phone, fieldKey) } : {}),
    liveStatus: 'open',
    published,
    createdAt: now.toISOString(),
  };
}

/** Open now: inside its weekly hours and not marked closed by staff. */
export function isOpenNow(s: StationDoc, at: Date): boolean {
  return s.liveStatus !== 'closed' && isOpenAt(s.hours, at);
}

export function getStation(store: DocReader, id: string): Promise<StationDoc | null> {
  return store.get(stations, id);
}

export async function create({ user, deps, now }: Ctx, input: ParsedInputOf<'stations', 'create'>): Promise<{ station: Station }> {
  const orgs = await allOrgs(deps.store);
  if (!isCadreOf(user, orgs, input.orgId)) throw forbidden('只能为本团委及下级团委登记驿站');
  if (!orgs.some((o) => o._id === input.orgId)) throw notFound('团委不存在');
  const station = stationDoc(deps.newId(), input, true, now, deps.secrets.fieldKey);
  await deps.store.insert(stations, station);
  return { station: toStation(station, deps.secrets.fieldKey) };
}

export async function nearby({ deps, now }: Ctx, input: ParsedInputOf<'stations', 'nearby'>): Promise<{ stations: NearbyStation[] }> {
  const found = await deps.store.near(stations, {
    center: { lat: input.lat, lng: input.lng },
    maxDistanceM: input.radiusM,
    where: { published: true, ...(input.services?.length ? { services: { $all: input.services } } : {}) },
    limit: input.openNow ? input.limit * OPEN_NOW_OVERSCAN : input.limit,
  });
  return {
    stations: found
      .map(({ doc, distanceM: d }) => ({ ...toStation(doc, deps.secrets.fieldKey), distanceM: Math.round(d), openNow: isOpenNow(doc, now) }))
      .filter((s) => !input.openNow || s.openNow)
      .slice(0, input.limit),
  };
}

/** A published station for anyone; an unpublished one only for the admin and cadres whose subtree it is in. */
export async function get({ user, deps, now }: Ctx, input: ParsedInputOf<'stations', 'get'>): Promise<{ station: StationView }> {
  const station = await getStation(deps.store, input.id);
  const mayPreview = async (s: StationDoc) => isAdmin(user) || inOversight(oversight(user, await allOrgs(deps.store)), s.orgId);
  if (!station || (!station.published && !(await mayPreview(station)))) throw notFound('找不到这个驿站');
  const view: StationView = { ...toStation(station, deps.secrets.fieldKey), openNow: isOpenNow(station, now) };
  if (input.lat !== undefined && input.lng !== undefined) {
    view.distanceM = Math.round(distanceM({ lat: input.lat, lng: input.lng }, latLngOf(station.location)));
  }
  return { station: view };
}

export async function apply(ctx: Ctx, input: ParsedInputOf<'stations', 'apply'>): Promise<{ reviewId: string }> {
  const { user, deps, now } = ctx;
  if (!(await getOrg(deps.store, input.orgId))) throw notFound('团委不存在');
  const { note, ...details } = input;
  const stationId = deps.newId();
  return deps.store.transaction(async (tx) => {
    await tx.insert(stations, stationDoc(stationId, details, false, now, deps.secrets.fieldKey));
    const reviewId = await fileReview(tx, ctx, user, stationKind, {
      orgId: input.orgId,
      payload: { stationId, name: input.name, address: input.address, services: input.services },
      note,
      location: input.location,
    });
    return { reviewId };
  });
}

/** Staff set their station's live status; only that field is written, so a concurrent approval is never undone. */
export async function setStatus({ user, deps }: Ctx, input: ParsedInputOf<'stations', 'setStatus'>): Promise<{ station: Station }> {
  if (!isAdmin(user) && !isStaffOf(user, input.id)) throw forbidden('只有本驿站的工作人员可以更新状态');
  if (!(await deps.store.update(stations, input.id, { liveStatus: input.liveStatus }))) throw notFound('找不到这个驿站');
  const station = await getStation(deps.store, input.id);
  if (!station) throw notFound('找不到这个驿站');
  return { station: toStation(station, deps.secrets.fieldKey) };
}
