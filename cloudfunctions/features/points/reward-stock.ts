/** Admins and cadres keep the rewards they manage stocked, and retire the ones no longer offered. */
import type { ManagedReward, OutputOf, ParsedInputOf } from '../../../types';
import { isAdmin, inOversight, oversight, type Caller } from '../../core/access';
import { conflict, forbidden, notFound } from '../../core/errors';
import type { Ctx } from '../../core/runtime';
import type { Fields } from '../../core/store/docstore.port';
import { findAll } from '../../core/store/find-all';
import { allOrgs } from '../../capabilities/orgs/orgs.service';
import { rewards, type RewardDoc } from './collections';
import { toReward } from './points.service';

const MAX_STOCK = 1_000_000;

function toManaged(r: RewardDoc): ManagedReward {
  return { ...toReward(r), retired: r.retired === true, ...(r.orgId ? { orgId: r.orgId } : {}) };
}

/** Admins manage every reward; a cadre those of committees in their subtree (county-wide ones stay with admins). */
async function managerOf(user: Caller, ctx: Ctx): Promise<(r: RewardDoc) => boolean> {
  if (isAdmin(user)) return () => true;
  const scope = oversight(user, await allOrgs(ctx.deps.store));
  return (r) => r.orgId !== undefined && r.orgId !== null && inOversight(scope, r.orgId);
}

export async function manageRewards(ctx: Ctx): Promise<OutputOf<'points', 'manageRewards'>> {
  const manages = await managerOf(ctx.user, ctx);
  const all = await findAll(ctx.deps.store, rewards, { orderBy: [['createdAt', 'asc']] });
  return { rewards: all.filter(manages).map(toManaged) };
}

/**
 * Reads the reward by id inside the transaction and writes only the changed fields, so a redemption racing with a
 * restock either sees the stock before it or after it: both writers touch this one document and one of them reruns.
 */
async function changeReward(ctx: Ctx, id: string, change: (r: RewardDoc) => Fields<RewardDoc>): Promise<ManagedReward> {
  const manages = await managerOf(ctx.user, ctx);
  return ctx.deps.store.transaction(async (tx) => {
    const reward = await tx.get(rewards, id);
    if (!reward) throw notFound('找不到这个奖品');
    if (!manages(reward)) throw forbidden('只能管理本团委及下级团委的奖品');
    if (reward.retired) throw conflict('该奖品已下架');
    const fields = change(reward);
    await tx.update(rewards, id, fields);
    return toManaged({ ...reward, ...fields });
  });
}

export async function restockReward(ctx: Ctx, input: ParsedInputOf<'points', 'restockReward'>): Promise<OutputOf<'points', 'restockReward'>> {
  const reward = await changeReward(ctx, input.id, (r) => {
    if (r.stock + input.add > MAX_STOCK) throw conflict(`库存最多 ${MAX_STOCK} 件`);
    return { stock: r.stock + input.add };
  });
  return { reward };
}

/** A retired reward is no longer listed or redeemable; redemptions already made are still collected. */
export async function retireReward(ctx: Ctx, input: ParsedInputOf<'points', 'retireReward'>): Promise<OutputOf<'points', 'retireReward'>> {
  return { reward: await changeReward(ctx, input.id, () => ({ retired: true })) };
}
