import { randomInt } from 'node:crypto';
import { STAR_TITLES, type LedgerEntry, type OutputOf, type ParsedInputOf, type Redemption, type Reward } from '../../../types';
import { conflict, forbidden, invalid, notFound } from '../errors';
import { BOARD_SIZE, claimPoints, rankRows } from '../points-rules';
import type { Ctx } from '../runtime';
import { StoreConflict, type LedgerRecord, type RedemptionRecord, type Repos, type RewardRecord } from '../store/store.port';
import { monthRange, shanghaiMonth, toShanghaiIso } from '../time';
import { notify } from './inbox';
import { scopeOf, subtreeIds } from './orgs';
import { submitReview } from './review-submit';
import { isCadreOf } from './stations';


const PICKUP_CODE_ATTEMPTS = 30;

function toEntry(e: LedgerRecord): LedgerEntry {
  return { id: e.id, delta: e.delta, reason: e.reason, at: toShanghaiIso(e.at), ...(e.note ? { note: e.note } : {}) };
}

function toReward(r: RewardRecord): Reward {
  return { id: r.id, name: r.name, cost: r.cost, stock: r.stock, ...(r.description ? { description: r.description } : {}) };
}

function toRedemption(r: RedemptionRecord): Redemption {
  return {
    id: r.id,
    rewardId: r.rewardId,
    rewardName: r.rewardName,
    cost: r.cost,
    pickupCode: r.pickupCode,
    status: r.status,
    at: toShanghaiIso(r.at),
    ...(r.collectedAt ? { collectedAt: toShanghaiIso(r.collectedAt) } : {}),
  };
}

export async function balance({ user, deps }: Ctx): Promise<OutputOf<'points', 'balance'>> {
  return { balance: await deps.store.ledger.balance(user.id) };
}

export async function ledger({ user, deps }: Ctx, input: ParsedInputOf<'points', 'ledger'>): Promise<OutputOf<'points', 'ledger'>> {
  const page = await deps.store.ledger.list(user.id, input.cursor, input.limit);
  return { entries: page.items.map(toEntry), ...(page.cursor ? { cursor: page.cursor } : {}) };
}

/** A rider with a home committee claims points; the claim is a review item in that committee. */
export async function claim({ user, deps }: Ctx, input: ParsedInputOf<'points', 'claim'>): Promise<OutputOf<'points', 'claim'>> {
  const orgId = user.orgId;
  if (!orgId) throw forbidden('请先在“我的”里选择所属团委，再申领积分');
  if (!(await deps.store.orgs.get(orgId))) throw notFound('所属团委不存在，请重新选择');
  const payload = {
    kind: input.kind,
    description: input.description,
    ...(input.location ? { location: input.location } : {}),
    ...(input.photos?.length ? { photos: input.photos } : {}),
    points: claimPoints(input.kind),
  };
  const reviewId = await deps.store.transaction((tx) =>
    submitReview(tx, deps, user, {
      kind: 'claim',
      orgId,
      payload,
      // Only hazard reports are placed, so only they are compared for duplicates.
      ...(input.kind === 'hazard' && input.location ? { location: input.location } : {}),
    }),
  );
  return { reviewId };
}

export async function createReward({ deps, now }: Ctx, input: ParsedInputOf<'points', 'createReward'>): Promise<OutputOf<'points', 'createReward'>> {
  const reward: RewardRecord = {
    id: deps.newId(),
    name: input.name,
    cost: input.cost,
    stock: input.stock,
    ...(input.description ? { description: input.description } : {}),
    createdAt: now.toISOString(),
  };
  await deps.store.rewards.insert(reward);
  return { reward: toReward(reward) };
}

export async function rewards({ deps }: Ctx): Promise<OutputOf<'points', 'rewards'>> {
  return { rewards: (await deps.store.rewards.all()).map(toReward) };
}

async function freePickupCode(tx: Repos): Promise<string> {
  for (let i = 0; i < PICKUP_CODE_ATTEMPTS; i++) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const holder = await tx.redemptions.byPickupCode(code);
    if (!holder || holder.status !== 'ready') return code;
  }
  throw new Error('no free pickup code after retries');
}

/**
 * Spends points on a reward, in one transaction: a repeated requestId answers the first redemption and spends
 * nothing; otherwise the balance must cover the cost, one unit of stock is taken, the negative ledger entry is
 * appended under a key made of user and requestId, and the redemption is stored with a pickup code no
 * uncollected redemption holds.
 */
export async function redeemReward({ user, deps, now }: Ctx, input: ParsedInputOf<'points', 'redeemReward'>): Promise<OutputOf<'points', 'redeemReward'>> {
  return deps.store.transaction(async (tx) => {
    const first = await tx.redemptions.byRequest(user.id, input.requestId);
    if (first) return { redemptionId: first.id, balance: await tx.ledger.balance(user.id), pickupCode: first.pickupCode };
    const reward = await tx.rewards.get(input.rewardId);
    if (!reward) throw notFound('找不到这个奖品');
    const before = await tx.ledger.balance(user.id);
    if (before < reward.cost) throw conflict('积分不足');
    if (!(await tx.rewards.takeOne(reward.id))) throw conflict('已兑完');
    const at = now.toISOString();
    const appended = await tx.ledger.append({
      id: deps.newId(),
      userId: user.id,
      delta: -reward.cost,
      reason: 'reward',
      key: `reward:${user.id}:${input.requestId}`,
      at,
      note: reward.name,
    });
    // byRequest found nothing, so the key cannot exist; if it did, spending twice must not happen.
    if (!appended) throw conflict();
    const redemption: RedemptionRecord = {
      id: deps.newId(),
      userId: user.id,
      rewardId: reward.id,
      rewardName: reward.name,
      cost: reward.cost,
      requestId: input.requestId,
      pickupCode: await freePickupCode(tx),
      status: 'ready',
      at,
    };
    await tx.redemptions.insert(redemption);
    return { redemptionId: redemption.id, balance: before - reward.cost, pickupCode: redemption.pickupCode };
  });
}

export async function redemptions({ user, deps }: Ctx): Promise<OutputOf<'points', 'redemptions'>> {
  return { redemptions: (await deps.store.redemptions.ofUser(user.id)).map(toRedemption) };
}

/** Station staff hand over a reward: a pickup code is collected once. */
export async function collect({ user, deps, now }: Ctx, input: ParsedInputOf<'points', 'collect'>): Promise<OutputOf<'points', 'collect'>> {
  if (!user.stationIds.includes(input.stationId)) throw forbidden('只有驿站工作人员可以核销取货码');
  if (!(await deps.store.stations.get(input.stationId))) throw notFound('找不到这个驿站');
  return deps.store.transaction(async (tx) => {
    const found = await tx.redemptions.byPickupCode(input.pickupCode);
    if (!found) throw notFound('取货码不存在');
    if (found.status === 'collected') throw conflict('该取货码已领取');
    const collected: RedemptionRecord = { ...found, status: 'collected', collectedAt: now.toISOString(), collectedBy: user.id };
    await tx.redemptions.update(collected);
    const rider = await tx.users.get(found.userId);
    return { redemption: toRedemption(collected), riderName: rider?.displayName ?? '骑手' };
  });
}

async function boardRows(repos: Repos, orgIds: string[], orgId: string, month: string, category: string) {
  const { from, to } = monthRange(month);
  const counts = await repos.ledger.board(orgIds, category, from, to, BOARD_SIZE);
  const users = new Map((await repos.users.getMany(counts.map((c) => c.userId))).map((u) => [u.id, u]));
  const stars = new Set((await repos.stars.find(orgId, month, category)).map((s) => s.userId));
  return rankRows(counts).map((row) => ({
    userId: row.userId,
    displayName: users.get(row.userId)?.displayName ?? '骑手',
    count: row.count,
    rank: row.rank,
    star: stars.has(row.userId),
  }));
}

/** A committee's monthly board (its whole subtree), by default the caller's home committee and this month. */
export async function leaderboard({ user, deps, now }: Ctx, input: ParsedInputOf<'points', 'leaderboard'>): Promise<OutputOf<'points', 'leaderboard'>> {
  const orgId = input.orgId ?? user.orgId;
  if (!orgId) throw invalid('请先选择所属团委');
  const orgs = await deps.store.orgs.all();
  if (!orgs.some((o) => o.id === orgId)) throw notFound('团委不存在');
  const month = input.month ?? shanghaiMonth(now);
  const rows = await boardRows(deps.store, subtreeIds(orgs, orgId), orgId, month, input.category);
  return { month, category: input.category, orgId, rows };
}

/** A cadre in scope (or an admin) names a star of the month from the committee's board. */
export async function nameStar({ user, deps, now }: Ctx, input: ParsedInputOf<'points', 'nameStar'>): Promise<OutputOf<'points', 'nameStar'>> {
  const orgs = await deps.store.orgs.all();
  if (!isCadreOf(user, orgs, input.orgId)) throw forbidden('只能为本团委及下级团委评选');
  const org = orgs.find((o) => o.id === input.orgId);
  if (!org) throw notFound('团委不存在');
  const title = STAR_TITLES[input.category];
  return deps.store.transaction(async (tx) => {
    const rows = await boardRows(tx, [...scopeOf(orgs, [org.id])], org.id, input.month, input.category);
    const row = rows.find((r) => r.userId === input.userId);
    if (!row) throw conflict('只能从该月榜单上的骑手中评选');
    if (row.star) throw conflict('已评选过该骑手');
    try {
      await tx.stars.insert({
        id: deps.newId(),
        orgId: org.id,
        month: input.month,
        category: input.category,
        userId: input.userId,
        namedBy: user.id,
        at: now.toISOString(),
      });
    } catch (error) {
      if (error instanceof StoreConflict) throw conflict('已评选过该骑手');
      throw error;
    }
    await notify(tx, deps, input.userId, {
      title: `你获评${input.month}「${title}」`,
      body: `${org.name}将你评为 ${input.month} 的${title}，谢谢你的付出！`,
    });
    return { userId: input.userId, title };
  });
}
