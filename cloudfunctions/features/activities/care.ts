/** Care-pack campaigns (冬日递暖, 夏送清凉, 暖心大礼包): per-station stock, one pack per rider, handed out by scan. */
import type { Campaign, OutputOf, ParsedInputOf } from '../../../types';
import { isCadreOf, isStaffOf, scopeOf } from '../../core/access';
import { conflict, forbidden, notFound } from '../../core/errors';
import { distanceM } from '../../core/geo';
import { newQuota, withUnit } from '../../capabilities/seating/quota';
import type { Ctx } from '../../core/runtime';
import { latLngOf } from '../../core/store/docstore.port';
import { findAll } from '../../core/store/find-all';
import { scanRiderCode } from '../../capabilities/codes/scan';
import { useCode, withCodeUse } from '../../capabilities/codes/code-uses';
import { users } from '../../core/identity';
import { allOrgs } from '../../capabilities/orgs/orgs.service';
import { getStation } from '../../capabilities/orgs/station-directory';
import type { StationDoc } from '../../capabilities/orgs/station-directory';
import { campaigns, campaignStock, handouts, type CampaignDoc } from './collections';

const stockId = (campaignId: string, stationId: string) => `${campaignId}:${stationId}`;
const handoutId = (campaignId: string, riderId: string) => `${campaignId}:${riderId}`;

const GONE = '本站的礼包已领完';
const ONE_EACH = '这位骑手已经领过了，每人限领一份';

async function stationsOf(ctx: Ctx, c: CampaignDoc): Promise<Map<string, StationDoc>> {
  const found = await Promise.all(c.stations.map((s) => getStation(ctx.deps.store, s.stationId)));
  return new Map(found.filter((s): s is StationDoc => s !== null).map((s) => [s._id, s]));
}

async function toCampaign(ctx: Ctx, c: CampaignDoc, from?: { lat: number; lng: number }): Promise<Campaign> {
  const { store } = ctx.deps;
  const [places, held, mine] = await Promise.all([
    stationsOf(ctx, c),
    Promise.all(c.stations.map((s) => store.get(campaignStock, stockId(c._id, s.stationId)))),
    store.get(handouts, handoutId(c._id, ctx.user._id)),
  ]);
  return {
    id: c._id,
    title: c.title,
    kind: c.kind,
    orgId: c.orgId,
    verifiedOnly: c.verifiedOnly,
    stations: c.stations.map((s, i) => {
      const station = places.get(s.stationId);
      const stock = held[i];
      return {
        stationId: s.stationId,
        name: station?.name ?? '驿站',
        stock: s.stock,
        left: stock?.left ?? 0,
        ...(from && station ? { distanceM: Math.round(distanceM(from, latLngOf(station.location))) } : {}),
      };
    }),
    received: mine?.status === 'confirmed',
  };
}

/** A cadre publishes a campaign for a committee in scope, with stock at stations of that committee's subtree. */
export async function createCampaign(ctx: Ctx, input: ParsedInputOf<'activities', 'createCampaign'>): Promise<OutputOf<'activities', 'createCampaign'>> {
  const { user, deps, now } = ctx;
  const orgs = await allOrgs(deps.store);
  if (!isCadreOf(user, orgs, input.orgId)) throw forbidden('只能为本团委及下级团委发布关爱活动');
  const scope = scopeOf(orgs, [input.orgId]);
  for (const s of input.stations) {
    const station = await getStation(deps.store, s.stationId);
    if (!station) throw notFound('找不到所列的驿站');
    if (!scope.has(station.orgId)) throw forbidden(`「${station.name}」不属于这个团委`);
  }
  const doc: CampaignDoc = {
    _id: deps.newId(),
    title: input.title,
    kind: input.kind,
    orgId: input.orgId,
    verifiedOnly: input.verifiedOnly,
    stations: input.stations,
    createdBy: user._id,
    createdAt: now.toISOString(),
  };
  await deps.store.transaction(async (tx) => {
    await tx.insert(campaigns, doc);
    for (const s of doc.stations) {
      await tx.insert(campaignStock, newQuota(stockId(doc._id, s.stationId), s.stock));
    }
  });
  return { campaign: await toCampaign(ctx, doc) };
}

/** Campaigns with packs left somewhere, newest first, each station with what it has left (nearest first). */
export async function list(ctx: Ctx, input: ParsedInputOf<'activities', 'campaigns'>): Promise<OutputOf<'activities', 'campaigns'>> {
  const all = await findAll(ctx.deps.store, campaigns, { orderBy: [['createdAt', 'desc']] });
  const from = input.lat !== undefined && input.lng !== undefined ? { lat: input.lat, lng: input.lng } : undefined;
  const views = await Promise.all(all.map((c) => toCampaign(ctx, c, from)));
  return {
    campaigns: views
      .filter((c) => c.received || c.stations.some((s) => s.left > 0))
      .map((c) => ({ ...c, stations: [...c.stations].sort((x, y) => (x.distanceM ?? 0) - (y.distanceM ?? 0)) })),
  };
}

/**
 * Staff of a station scan a rider's code to hand over a pack. A pack is taken from the station's stock with one
 * conditional update (capabilities/seating/quota.ts), so concurrent scans never take it below zero and a scan that finds none left is
 * told at once; then one transaction uses the code and writes the rider's keyed hand-out (one per rider and
 * campaign, whatever the station). A scan refused there gives its pack back.
 */
export async function handOut(ctx: Ctx, input: ParsedInputOf<'activities', 'handOut'>): Promise<OutputOf<'activities', 'handOut'>> {
  const { user, deps, now } = ctx;
  if (!isStaffOf(user, input.stationId)) throw forbidden('只有本驿站的工作人员可以发放');
  const c = await deps.store.get(campaigns, input.campaignId);
  if (!c) throw notFound('找不到这个关爱活动');
  if (!c.stations.some((s) => s.stationId === input.stationId)) throw notFound('这个驿站没有这个活动的礼包');
  const { rider, ref } = await scanRiderCode(ctx, input.code, input.stationId);
  if (c.verifiedOnly && !(await deps.store.get(users, rider._id))?.verified) throw forbidden('这个活动只发给已认证的骑手，请先完成骑手认证');
  const id = handoutId(c._id, rider._id);
  const stock = stockId(c._id, input.stationId);
  const [had, held] = await Promise.all([deps.store.get(handouts, id), deps.store.get(campaignStock, stock)]);
  if (had) throw conflict(ONE_EACH);
  if (!held || held.left <= 0) throw conflict(GONE);
  const at = now.toISOString();
  const took = await withUnit(deps.store, campaignStock, stock, () =>
    withCodeUse(deps.store, async (tx) => {
      if (await tx.get(handouts, id)) throw conflict(ONE_EACH);
      await useCode(tx, { _id: ref, riderId: rider._id, use: 'care-pack', at });
      await tx.insert(handouts, {
        _id: id,
        campaignId: c._id,
        riderId: rider._id,
        stationId: input.stationId,
        stockId: stock,
        status: 'confirmed',
        requestedAt: at,
        byId: user._id,
        confirmedAt: at,
      });
    }),
  );
  if (!took.taken) throw conflict(GONE);
  const after = await deps.store.get(campaignStock, stock);
  return { riderName: rider.displayName, left: after?.left ?? 0 };
}
