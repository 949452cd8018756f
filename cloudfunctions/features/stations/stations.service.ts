import type { NearbyStation, OutputOf, ParsedInputOf, PendingStationChange, Station, StationChanges, StationDetails, StationView } from '../../../types';
import { STATION_SERVICES } from '../../../types';
import { isAdmin, isCadreOf, isStaffOf, oversight, inOversight } from '../../core/access';
import { openField, sealField } from '../../core/crypto';
import { conflict, forbidden, invalid, notFound } from '../../core/errors';
import { distanceM } from '../../core/geo';
import type { Ctx } from '../../core/runtime';
import { geoPoint, latLngOf, type DocReader } from '../../core/store/docstore.port';
import { allOrgs, getOrg } from '../../capabilities/orgs/orgs.service';
import { reviewStatus } from '../../capabilities/review/items';
import { fileReview } from '../../capabilities/review/submit';
import { toShanghaiIso } from '../../core/time';
import { mealsToday } from '../../capabilities/meals/meal-windows';
import { stationChangeHolds } from './collections';
import { getStation, stations, type StationDoc } from '../../capabilities/orgs/station-directory';
import { isOpenAt } from './opening-hours';
import { stationChangeKind } from './station-change-kind';
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

/** The free meals left in today's window open now, else in the next one today; nothing once today's have closed. */
async function mealsLeftNow(store: DocReader, s: StationDoc, now: Date): Promise<StationView['mealsLeft']> {
  // Most stations serve no free meals: those cost no read.
  if (!s.meals?.some((w) => w.quota)) return undefined;
  const windows = await mealsToday(store, s, now);
  const next = windows.filter((w) => w.state === 'upcoming').sort((a, b) => a.start.localeCompare(b.start))[0];
  const shown = windows.find((w) => w.state === 'open') ?? next;
  return shown ? { window: shown.start, left: shown.left } : undefined;
}

async function withMealsLeft<V extends StationView>(store: DocReader, s: StationDoc, view: V, now: Date): Promise<V> {
  const mealsLeft = await mealsLeftNow(store, s, now);
  return mealsLeft ? { ...view, mealsLeft } : view;
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
  const answered = found
    .map(({ doc, distanceM: d }) => ({ doc, view: { ...toStation(doc, deps.secrets.fieldKey), distanceM: Math.round(d), openNow: isOpenNow(doc, now) } }))
    .filter(({ view }) => !input.openNow || view.openNow)
    .slice(0, input.limit);
  return { stations: await Promise.all(answered.map(({ doc, view }) => withMealsLeft(deps.store, doc, view, now))) };
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
  return { station: await withMealsLeft(deps.store, station, view, now) };
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

type ChangeField = keyof StationChanges;
const CHANGE_FIELDS: readonly ChangeField[] = ['name', 'address', 'hours', 'services', 'phone', 'meals'];

const inServiceOrder = (list: readonly string[]) => [...list].sort((a, b) => STATION_SERVICES.indexOf(a as never) - STATION_SERVICES.indexOf(b as never));

/** The proposed fields that differ from the station as it is (services compared as a set; no phone equals ''). */
export function changedFields(current: Station, proposed: StationChanges): StationChanges {
  const now: Record<ChangeField, unknown> = {
    name: current.name,
    address: current.address,
    hours: current.hours ?? [],
    services: inServiceOrder(current.services),
    phone: current.phone ?? '',
    meals: current.meals ?? [],
  };
  const out: Record<string, unknown> = {};
  for (const field of CHANGE_FIELDS) {
    const value = field === 'services' && proposed.services ? inServiceOrder(proposed.services) : proposed[field];
    if (value !== undefined && JSON.stringify(value) !== JSON.stringify(now[field])) out[field] = value;
  }
  return out as StationChanges;
}

const isOpenStatus = (status: string | null) => status === 'pending' || status === 'needs-info';

/** Staff (or an admin) see their station as riders do, and whether a change of its details waits for review. */
export async function manage({ user, deps, now }: Ctx, input: ParsedInputOf<'stations', 'manage'>): Promise<OutputOf<'stations', 'manage'>> {
  if (!isAdmin(user) && !isStaffOf(user, input.id)) throw forbidden('只有本驿站的工作人员可以管理驿站');
  const station = await getStation(deps.store, input.id);
  if (!station) throw notFound('找不到这个驿站');
  const view: StationView = { ...toStation(station, deps.secrets.fieldKey), openNow: isOpenNow(station, now) };
  const hold = await deps.store.get(stationChangeHolds, station._id);
  const status = hold ? await reviewStatus(deps.store, hold.reviewId) : null;
  if (!hold || !isOpenStatus(status)) return { station: view };
  const pendingChange: PendingStationChange = {
    reviewId: hold.reviewId,
    status: status === 'needs-info' ? 'needs-info' : 'pending',
    submittedAt: toShanghaiIso(hold.submittedAt),
    fields: hold.fields,
  };
  return { station: view, pendingChange };
}

/**
 * Staff propose corrections to their station. Only fields that differ go to review (none: INVALID_INPUT); while an
 * earlier proposal for the station is still open, a new one is a CONFLICT.
 */
export async function proposeChange(ctx: Ctx, input: ParsedInputOf<'stations', 'proposeChange'>): Promise<OutputOf<'stations', 'proposeChange'>> {
  const { user, deps, now } = ctx;
  if (!isStaffOf(user, input.id)) throw forbidden('只有本驿站的工作人员可以修改驿站信息');
  const station = await getStation(deps.store, input.id);
  if (!station) throw notFound('找不到这个驿站');
  const current = toStation(station, deps.secrets.fieldKey);
  const changes = changedFields(current, input.changes);
  const fields = CHANGE_FIELDS.filter((f) => changes[f] !== undefined);
  if (fields.length === 0) throw invalid('没有需要修改的内容');
  const was = {
    ...(changes.name !== undefined ? { name: current.name } : {}),
    ...(changes.address !== undefined ? { address: current.address } : {}),
    ...(changes.hours !== undefined ? { hours: current.hours ?? [] } : {}),
    ...(changes.services !== undefined ? { services: current.services } : {}),
    ...(changes.meals !== undefined ? { meals: current.meals ?? [] } : {}),
  };
  return deps.store.transaction(async (tx) => {
    const hold = await tx.get(stationChangeHolds, station._id);
    if (hold && isOpenStatus(await reviewStatus(tx, hold.reviewId))) {
      throw conflict('本驿站已有一份信息修改正在审核，请等审核结束后再提交');
    }
    const reviewId = await fileReview(tx, ctx, user, stationChangeKind, {
      orgId: station.orgId,
      payload: { stationId: station._id, stationName: station.name, ...changes, was },
      ...(input.note ? { note: input.note } : {}),
    });
    await tx.set(stationChangeHolds, { _id: station._id, reviewId, submittedAt: now.toISOString(), fields });
    return { reviewId, fields };
  });
}
