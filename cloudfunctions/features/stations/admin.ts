/** Admins and cadres manage the stations of their committee subtree directly: list, edit, unpublish, republish. */
import type { OutputOf, ParsedInputOf } from '../../../types';
import { inOversight, oversight, subtreeIds } from '../../core/access';
import { sealField } from '../../core/crypto';
import { forbidden, notFound } from '../../core/errors';
import type { Ctx } from '../../core/runtime';
import { geoPoint, type Fields } from '../../core/store/docstore.port';
import { allOrgs } from '../../capabilities/orgs/orgs.service';
import { stations, type StationDoc } from '../../capabilities/orgs/station-directory';
import { toStation } from './stations.service';

export async function list({ user, deps }: Ctx, input: ParsedInputOf<'stations', 'list'>): Promise<OutputOf<'stations', 'list'>> {
  const tree = await allOrgs(deps.store);
  const scope = oversight(user, tree);
  if (input.orgId && !inOversight(scope, input.orgId)) throw forbidden('只能查看本团委及下级团委的驿站');
  if (input.orgId && !tree.some((o) => o._id === input.orgId)) throw notFound('团委不存在');
  const orgIds = input.orgId ? subtreeIds(tree, input.orgId) : scope && [...scope];
  if (orgIds?.length === 0) return { stations: [] };
  const page = await deps.store.find(stations, {
    ...(orgIds ? { where: { orgId: { $in: orgIds } } } : {}),
    limit: input.limit,
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
  return { stations: page.items.map((s) => toStation(s, deps.secrets.fieldKey)), ...(page.cursor ? { cursor: page.cursor } : {}) };
}

/**
 * Sets only the fields given, in a transaction that reads the station by id, so the scope is checked against the
 * station as it is and a concurrent status or review change to other fields is never overwritten.
 */
async function updateInScope(ctx: Ctx, id: string, fields: Fields<StationDoc>, newOrgId?: string): Promise<StationDoc> {
  const { user, deps } = ctx;
  const tree = await allOrgs(deps.store);
  const scope = oversight(user, tree);
  if (newOrgId && !inOversight(scope, newOrgId)) throw forbidden('只能把驿站划归本团委及下级团委');
  if (newOrgId && !tree.some((o) => o._id === newOrgId)) throw notFound('团委不存在');
  return deps.store.transaction(async (tx) => {
    const current = await tx.get(stations, id);
    if (!current) throw notFound('找不到这个驿站');
    if (!inOversight(scope, current.orgId)) throw forbidden('只能管理本团委及下级团委的驿站');
    await tx.update(stations, id, fields);
    return { ...current, ...fields };
  });
}

export async function update(ctx: Ctx, input: ParsedInputOf<'stations', 'update'>): Promise<OutputOf<'stations', 'update'>> {
  const { phone, location, ...rest } = input.changes;
  const fields: Fields<StationDoc> = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  if (location) fields.location = geoPoint(location);
  // An empty phone removes it: an empty sealed field reads as no phone.
  if (phone !== undefined) fields.phoneEnc = phone ? sealField(phone, ctx.deps.secrets.fieldKey) : '';
  const station = await updateInScope(ctx, input.id, fields, rest.orgId);
  return { station: toStation(station, ctx.deps.secrets.fieldKey) };
}

export async function setPublished(ctx: Ctx, input: ParsedInputOf<'stations', 'setPublished'>): Promise<OutputOf<'stations', 'setPublished'>> {
  const station = await updateInScope(ctx, input.id, { published: input.published });
  return { station: toStation(station, ctx.deps.secrets.fieldKey) };
}
