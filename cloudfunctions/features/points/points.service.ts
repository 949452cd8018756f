import { randomInt } from 'node:crypto';
import { PICKUP_CODE_DIGITS, STAR_TITLES, type LedgerEntry, type OutputOf, type ParsedInputOf, type Redemption, type Reward } from '../../../types';
import { isAdmin, isCadreOf, isStaffOf, scopeOf, subtreeIds } from '../../core/access';
import { limitGuesses } from '../../core/attempts';
import { conflict, forbidden, invalid, notFound } from '../../core/errors';
import { users, usersById } from '../../core/identity';
import type { Ctx } from '../../core/runtime';
import { StoreConflict, type DocReader, type DocStore, type Tx } from '../../core/store/docstore.port';
import { findAll } from '../../core/store/find-all';
import { monthRange, shanghaiMonth, toShanghaiIso } from '../../core/time';
import { notify } from '../../capabilities/inbox/inbox';
import { assertOwnUploads } from '../../capabilities/uploads/uploads';
import { allOrgs, getOrg } from '../../capabilities/orgs/orgs.service';
import { fileReview } from '../../capabilities/review/submit';
import { getStation } from '../../capabilities/orgs/station-directory';
import { claimKind } from './claim-kind';
import { pickups, redeemClaims, redemptions, rewards as rewardsColl, type RedemptionDoc, type RewardDoc } from './collections';
import { stars } from '../../capabilities/account/honours';
import { ledger, type LedgerDoc } from '../../capabilities/ledger/collections';
import { appendEntry, balanceOf } from '../../capabilities/ledger/ledger';
import { BOARD_SIZE, claimPoints, rankRows } from './points-rules';
import { typedCodeCounters } from '../../capabilities/codes/checkin-rules';
import { starId, starsOfBoard } from '../../capabilities/account/honours';

const PICKUP_CODE_ATTEMPTS = 30;

function toEntry(e: LedgerDoc): LedgerEntry {
  return { id: e._id, delta: e.delta, reason: e.reason, at: toShanghaiIso(e.at), ...(e.note ? { note: e.note } : {}) };
}

export function toReward(r: RewardDoc): Reward {
  return { id: r._id, name: r.name, cost: r.cost, stock: r.stock, ...(r.description ? { description: r.description } : {}) };
}

function toRedemption(r: RedemptionDoc): Redemption {
  return {
    id: r._id,
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
  return { balance: await balanceOf(deps.store, user._id) };
}

export async function ledgerPage({ user, deps }: Ctx, input: ParsedInputOf<'points', 'ledger'>): Promise<OutputOf<'points', 'ledger'>> {
  const page = await deps.store.find(ledger, {
    where: { userId: user._id },
    orderBy: [['at', 'desc']],
    limit: input.limit,
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
  return { entries: page.items.map(toEntry), ...(page.cursor ? { cursor: page.cursor } : {}) };
}

/** A rider with a home committee claims points; the claim is a review item in that committee. */
export async function claim(ctx: Ctx, input: ParsedInputOf<'points', 'claim'>): Promise<OutputOf<'points', 'claim'>> {
  const { user, deps } = ctx;
  const orgId = user.orgId;
  if (!orgId) throw forbidden('请先在“我的”里选择所属团委，再申领积分');
  if (!(await getOrg(deps.store, orgId))) throw notFound('所属团委不存在，请重新选择');
  await assertOwnUploads(deps.store, user._id, input.photos ?? []);
  const payload = {
    kind: input.kind,
    description: input.description,
    ...(input.location ? { location: input.location } : {}),
    ...(input.photos?.length ? { photos: input.photos } : {}),
    points: claimPoints(input.kind),
  };
  const reviewId = await deps.store.transaction((tx) =>
    fileReview(tx, ctx, user, claimKind, {
      orgId,
      payload,
      // Only hazard reports are placed, so only they are compared for duplicates.
      ...(input.kind === 'hazard' && input.location ? { location: input.location } : {}),
    }),
  );
  return { reviewId };
}

/**
 * Admins create county-wide rewards (or a committee's); a cadre's reward belongs to one of their committees (their
 * only one when they name none), so its stock is theirs to manage.
 */
export async function createReward({ user, deps, now }: Ctx, input: ParsedInputOf<'points', 'createReward'>): Promise<OutputOf<'points', 'createReward'>> {
  const orgId = input.orgId ?? (isAdmin(user) || user.cadreOrgIds.length !== 1 ? undefined : user.cadreOrgIds[0]);
  if (!isAdmin(user)) {
    if (!orgId) throw invalid('请选择提供奖品的团委');
    if (!isCadreOf(user, await allOrgs(deps.store), orgId)) throw forbidden('只能为本团委及下级团委添加奖品');
  }
  if (orgId && !(await getOrg(deps.store, orgId))) throw notFound('团委不存在');
  const reward: RewardDoc = {
    _id: deps.newId(),
    name: input.name,
    cost: input.cost,
    stock: input.stock,
    ...(input.description ? { description: input.description } : {}),
    ...(orgId ? { orgId } : {}),
    createdAt: now.toISOString(),
  };
  await deps.store.insert(rewardsColl, reward);
  return { reward: toReward(reward) };
}

/** The rewards on offer: retired ones are left out. */
export async function rewards({ deps }: Ctx): Promise<OutputOf<'points', 'rewards'>> {
  const all = await findAll(deps.store, rewardsColl, { orderBy: [['createdAt', 'asc']] });
  return { rewards: all.filter((r) => !r.retired).map(toReward) };
}

/** Draws a pickup code no uncollected redemption holds, and holds it for `redemptionId` (keyed, so never twice). */
async function holdPickupCode(tx: Tx, redemptionId: string): Promise<string> {
  for (let i = 0; i < PICKUP_CODE_ATTEMPTS; i++) {
    const code = String(randomInt(0, 10 ** PICKUP_CODE_DIGITS)).padStart(PICKUP_CODE_DIGITS, '0');
    const held = await tx.get(pickups, code);
    if (held && !held.collected) continue;
    await tx.set(pickups, { _id: code, redemptionId, collected: false });
    return code;
  }
  throw conflict('取货码繁忙，请稍后再试');
}

/** A repeat of a request waits at most this long for the call redeeming it; a claim this old was left by a call that stopped. */
const REPEAT_WAIT_MS = 6000;
const STALE_CLAIM_MS = 20_000;

/**
 * Holds the request for this call (a keyed claim): true when this call is the one to redeem it, false when another
 * call of the same request holds it. A claim left by a call that stopped long ago is taken over.
 */
async function claimRequest(store: DocStore, id: string, now: Date): Promise<boolean> {
  try {
    await store.insert(redeemClaims, { _id: id, at: now.toISOString() });
    return true;
  } catch (error) {
    if (!(error instanceof StoreConflict)) throw error;
  }
  const held = await store.get(redeemClaims, id);
  if (!held) return claimRequest(store, id, now);
  const stale = Date.parse(held.at) < now.getTime() - STALE_CLAIM_MS;
  return stale && store.updateIf(redeemClaims, id, { at: held.at }, { set: { at: now.toISOString() } });
}

/**
 * Spends points on a reward. One unit of stock is taken first, with one conditional update outside any transaction
 * (`stock > 0 → stock − 1`), so a crowd never queues on the reward and a rider who finds none left is told at once.
 * Then the rider's own transaction appends the spend to the ledger under the request's key (the balance must cover
 * it) and stores the redemption with a pickup code; a spend that fails gives the unit back. A repeated requestId
 * answers the first redemption and spends nothing; a repeat sent while the first is still running waits for it
 * (the first call holds the request's keyed claim), so repeats never take units of their own.
 */
export async function redeemReward({ user, deps, now }: Ctx, input: ParsedInputOf<'points', 'redeemReward'>): Promise<OutputOf<'points', 'redeemReward'>> {
  const { store } = deps;
  const id = `${user._id}:${input.requestId}`;
  const started = Date.now();
  for (let round = 0; ; round++) {
    const [first, reward, before] = await Promise.all([store.get(redemptions, id), store.get(rewardsColl, input.rewardId), balanceOf(store, user._id)]);
    if (first) return { redemptionId: first._id, balance: before, pickupCode: first.pickupCode };
    if (!reward) throw notFound('找不到这个奖品');
    if (reward.retired) throw conflict('该奖品已下架');
    if (before < reward.cost) throw conflict('积分不足');
    // None left is answered at once, unless this very request is being redeemed by another call (wait for it below).
    if (reward.stock <= 0 && !(await store.get(redeemClaims, id))) throw conflict('已兑完');
    if (await claimRequest(store, id, now)) {
      try {
        return await spendOnReward(store, user._id, id, reward, now);
      } catch (error) {
        await store.remove(redeemClaims, id);
        throw error;
      }
    }
    if (Date.now() - started > REPEAT_WAIT_MS) throw conflict('这次兑换还在处理中，请稍后在「我的兑换」查看');
    // The same request is being redeemed by another call (a double tap): look again when it is likely done.
    await new Promise((resolve) => setTimeout(resolve, 100 * Math.min(2 ** round, 8)));
  }
}

/** Takes a unit, then spends in the rider's transaction; the unit goes back when the spend fails. */
async function spendOnReward(store: DocStore, userId: string, id: string, reward: RewardDoc, now: Date): Promise<OutputOf<'points', 'redeemReward'>> {
  if (!(await store.updateIf(rewardsColl, reward._id, { stock: { $gt: 0 }, retired: { $ne: true } }, { inc: { stock: -1 } }))) {
    throw conflict((await store.get(rewardsColl, reward._id))?.retired ? '该奖品已下架' : '已兑完');
  }
  try {
    return await store.transaction(async (tx) => {
      const at = now.toISOString();
      const spent = await appendEntry(tx, { _id: `reward:${id}`, userId, delta: -reward.cost, reason: 'reward', at, note: reward.name });
      if (!spent.appended) throw conflict();
      const redemption: RedemptionDoc = {
        _id: id,
        userId,
        rewardId: reward._id,
        rewardName: reward.name,
        cost: reward.cost,
        pickupCode: await holdPickupCode(tx, id),
        status: 'ready',
        at,
      };
      await tx.insert(redemptions, redemption);
      return { redemptionId: id, balance: spent.balance, pickupCode: redemption.pickupCode };
    });
  } catch (error) {
    await store.updateIf(rewardsColl, reward._id, {}, { inc: { stock: 1 } });
    throw error;
  }
}

export async function redemptionsOfUser({ user, deps }: Ctx): Promise<OutputOf<'points', 'redemptions'>> {
  const own = await findAll(deps.store, redemptions, { where: { userId: user._id }, orderBy: [['at', 'desc']] });
  return { redemptions: own.map(toRedemption) };
}

/**
 * Station staff hand over a reward: a pickup code is collected once, and then the code is free again. Wrong codes
 * count against the staff member and the station, so codes cannot be guessed.
 */
export async function collect({ user, deps, now }: Ctx, input: ParsedInputOf<'points', 'collect'>): Promise<OutputOf<'points', 'collect'>> {
  if (!isStaffOf(user, input.stationId)) throw forbidden('只有驿站工作人员可以核销取货码');
  if (!(await getStation(deps.store, input.stationId))) throw notFound('找不到这个驿站');
  const counted = typedCodeCounters('pickup-code', user._id, input.stationId);
  return limitGuesses(deps.store, counted, now, () =>
    deps.store.transaction(async (tx) => {
      const held = await tx.get(pickups, input.pickupCode);
      const found = held && (await tx.get(redemptions, held.redemptionId));
      if (!held || !found) throw notFound('取货码不存在');
      if (found.status === 'collected') throw conflict('该取货码已领取');
      const collected: RedemptionDoc = { ...found, status: 'collected', collectedAt: now.toISOString(), collectedBy: user._id };
      await tx.set(redemptions, collected);
      await tx.update(pickups, held._id, { collected: true });
      const rider = await tx.get(users, found.userId);
      return { redemption: toRedemption(collected), riderName: rider?.displayName ?? '骑手' };
    }),
  );
}

const UNLISTED = '未公开昵称的骑手';

async function boardRows(store: DocReader, orgIds: string[], orgId: string, month: string, category: string) {
  const { from, to } = monthRange(month);
  const groups = await store.group(ledger, {
    where: { category, orgId: { $in: orgIds }, at: { $gte: from, $lt: to }, delta: { $gt: 0 } },
    groupBy: ['userId'],
    orderByCount: true,
    limit: BOARD_SIZE,
  });
  const counts = groups.map((g) => ({ userId: String(g.key.userId), count: g.count }));
  const names = await usersById(
    store,
    counts.map((c) => c.userId),
  );
  const named = new Set((await starsOfBoard(store, orgId, month, category)).map((s) => s.userId));
  return rankRows(counts).map((row) => ({
    userId: row.userId,
    displayName: names.get(row.userId)?.displayName ?? '骑手',
    listed: names.get(row.userId)?.listed === true,
    count: row.count,
    rank: row.rank,
    star: named.has(row.userId),
  }));
}

/** A committee's monthly board (its whole subtree), by default the caller's home committee and this month. */
export async function leaderboard({ user, deps, now }: Ctx, input: ParsedInputOf<'points', 'leaderboard'>): Promise<OutputOf<'points', 'leaderboard'>> {
  const orgId = input.orgId ?? user.orgId;
  if (!orgId) throw invalid('请先选择所属团委');
  const orgs = await allOrgs(deps.store);
  if (!orgs.some((o) => o._id === orgId)) throw notFound('团委不存在');
  const month = input.month ?? shanghaiMonth(now);
  const rows = await boardRows(deps.store, subtreeIds(orgs, orgId), orgId, month, input.category);
  // Cadres of the committee name stars from the board: they see who is who. Everyone else sees the names riders
  // chose to show, and their own row.
  const cadre = isCadreOf(user, orgs, orgId);
  return {
    month,
    category: input.category,
    orgId,
    rows: rows.map(({ userId, displayName, listed, ...row }) => ({
      ...row,
      ...(cadre ? { userId } : {}),
      displayName: cadre || listed || userId === user._id ? displayName : UNLISTED,
      ...(userId === user._id ? { me: true } : {}),
    })),
  };
}

/**
 * A cadre in scope (or an admin) names a star of the month from the committee's board. The board is read before the
 * transaction (a query); the star is keyed by board and rider, so naming one twice, even at once, is refused.
 */
export async function nameStar(ctx: Ctx, input: ParsedInputOf<'points', 'nameStar'>): Promise<OutputOf<'points', 'nameStar'>> {
  const { user, deps, now } = ctx;
  const orgs = await allOrgs(deps.store);
  if (!isCadreOf(user, orgs, input.orgId)) throw forbidden('只能为本团委及下级团委评选');
  const org = orgs.find((o) => o._id === input.orgId);
  if (!org) throw notFound('团委不存在');
  const title = STAR_TITLES[input.category];
  const rows = await boardRows(deps.store, [...scopeOf(orgs, [org._id])], org._id, input.month, input.category);
  if (!rows.some((r) => r.userId === input.userId)) throw conflict('只能从该月榜单上的骑手中评选');
  const star = { orgId: org._id, month: input.month, category: input.category, userId: input.userId };
  return deps.store.transaction(async (tx) => {
    if (await tx.get(stars, starId(star))) throw conflict('已评选过该骑手');
    await tx.insert(stars, { _id: starId(star), ...star, namedBy: user._id, at: now.toISOString() });
    await notify(tx, ctx, input.userId, {
      title: `你获评${input.month}「${title}」`,
      body: `${org.name}将你评为 ${input.month} 的${title}，谢谢你的付出！`,
    });
    return { userId: input.userId, title };
  });
}
