/** 微心愿: a rider's wish, reviewed by their committee, published without their name, claimed once and fulfilled. */
import { PAGES } from '../../../types/pages';
import type { MyWish, OutputOf, ParsedInputOf, Wish, WishStatus } from '../../../types';
import { notify, push } from '../../capabilities/inbox/inbox';
import { assertOwnUploads } from '../../capabilities/uploads/uploads';
import { forbidden, conflict, notFound } from '../../core/errors';
import { users } from '../../core/identity';
import type { Ctx } from '../../core/runtime';
import type { Where } from '../../core/store/docstore.port';
import { findAll } from '../../core/store/find-all';
import { toShanghaiIso } from '../../core/time';
import { allOrgs, getOrg } from '../../capabilities/orgs/orgs.service';
import { reviewStatus } from '../../capabilities/review/items';
import { fileReview } from '../../capabilities/review/submit';
import { subtreeIds } from '../../core/access';
import { wishAuthors, wishClaims, wishes, type WishDoc } from './collections';
import { wishKind } from './wish-kind';

export const WISHES_PAGE = PAGES.voice.wishes;
const PUBLIC: WishDoc['status'][] = ['published', 'claimed', 'fulfilled'];

function toWish(w: WishDoc, viewerId: string): Wish {
  return {
    id: w._id,
    orgId: w.orgId,
    forWhom: w.forWhom,
    text: w.text,
    status: w.status,
    ...(w.photo ? { photo: w.photo } : {}),
    ...(w.publishedAt ? { publishedAt: toShanghaiIso(w.publishedAt) } : {}),
    ...(w.claimedByName ? { claimedByName: w.claimedByName } : {}),
    ...(w.claimedBy === viewerId ? { claimedByMe: true } : {}),
    ...(w.fulfilledAt ? { fulfilledAt: toShanghaiIso(w.fulfilledAt) } : {}),
    ...(w.thanks ? { thanks: w.thanks } : {}),
  };
}

function toMine(w: WishDoc, viewerId: string, status: WishStatus = w.status): MyWish {
  return { ...toWish(w, viewerId), status, reviewId: w.reviewId, createdAt: toShanghaiIso(w.createdAt) };
}

/** A rider with a home committee posts a wish; it waits for that committee's review. */
export async function postWish(ctx: Ctx, input: ParsedInputOf<'voice', 'postWish'>): Promise<OutputOf<'voice', 'postWish'>> {
  const { user, deps, now } = ctx;
  const orgId = user.orgId;
  if (!orgId) throw forbidden('请先在“我的”里选择所属团委，再许心愿');
  if (!(await getOrg(deps.store, orgId))) throw notFound('所属团委不存在，请重新选择');
  if (input.photo) await assertOwnUploads(deps.store, user._id, [input.photo]);
  const wishId = deps.newId();
  const at = now.toISOString();
  const wish = await deps.store.transaction(async (tx) => {
    const reviewId = await fileReview(tx, ctx, user, wishKind, {
      orgId,
      payload: { wishId, forWhom: input.forWhom, text: input.text, ...(input.photo ? { photo: input.photo } : {}) },
    });
    const doc: WishDoc = {
      _id: wishId,
      orgId,
      forWhom: input.forWhom,
      text: input.text,
      ...(input.photo ? { photo: input.photo } : {}),
      status: 'pending',
      reviewId,
      createdAt: at,
    };
    await tx.insert(wishes, doc);
    await tx.insert(wishAuthors, { _id: wishId, userId: user._id, at });
    return doc;
  });
  return { wish: toMine(wish, user._id) };
}

/** The wall: published wishes (of a committee's subtree, or everywhere), newest first, never naming the wisher. */
export async function wall({ user, deps }: Ctx, input: ParsedInputOf<'voice', 'wishes'>): Promise<OutputOf<'voice', 'wishes'>> {
  let where: Where = { status: { $in: PUBLIC } };
  if (input.orgId) {
    const orgs = await allOrgs(deps.store);
    if (!orgs.some((o) => o._id === input.orgId)) throw notFound('团委不存在');
    where = { ...where, orgId: { $in: subtreeIds(orgs, input.orgId) } };
  }
  const page = await deps.store.find(wishes, {
    where,
    orderBy: [['publishedAt', 'desc']],
    limit: input.limit,
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
  return { wishes: page.items.map((w) => toWish(w, user._id)), ...(page.cursor ? { cursor: page.cursor } : {}) };
}

/** The wisher's own wishes; one still waiting shows where its review stands (asked for more, or not approved). */
export async function myWishes(ctx: Ctx): Promise<OutputOf<'voice', 'myWishes'>> {
  const { user, deps } = ctx;
  const mine = await findAll(deps.store, wishAuthors, { where: { userId: user._id }, orderBy: [['at', 'desc']] });
  const docs = (await Promise.all(mine.map((m) => deps.store.get(wishes, m._id)))).filter((w): w is WishDoc => w !== null);
  const out = await Promise.all(
    docs.map(async (w) => {
      if (w.status !== 'pending') return toMine(w, user._id);
      const review = await reviewStatus(deps.store, w.reviewId);
      const status: WishStatus = review === 'rejected' || review === 'needs-info' ? review : 'pending';
      return toMine(w, user._id, status);
    }),
  );
  return { wishes: out };
}

/**
 * A volunteer or partner (station staff, cadre) claims a published wish. The claim is a document keyed by the wish,
 * so of two claims, even at once, one wins and the other answers CONFLICT. The wisher cannot claim their own.
 */
export async function claimWish(ctx: Ctx, input: ParsedInputOf<'voice', 'claimWish'>): Promise<OutputOf<'voice', 'claimWish'>> {
  const { user, deps, now } = ctx;
  const at = now.toISOString();
  const claimed = await deps.store.transaction(async (tx) => {
    const wish = await tx.get(wishes, input.wishId);
    if (!wish || !PUBLIC.includes(wish.status)) throw notFound('找不到这个心愿');
    if ((await tx.get(wishAuthors, wish._id))?.userId === user._id) throw forbidden('不能认领自己的心愿');
    if (wish.status !== 'published' || (await tx.get(wishClaims, wish._id))) throw conflict('这个心愿已经有人认领了');
    await tx.insert(wishClaims, { _id: wish._id, claimantId: user._id, at });
    const next: WishDoc = { ...wish, status: 'claimed', claimedBy: user._id, claimedByName: user.displayName, claimedAt: at };
    await tx.set(wishes, next);
    const author = await tx.get(wishAuthors, wish._id);
    if (author) {
      await notify(tx, ctx, author.userId, {
        title: '你的微心愿有人认领了',
        body: `「${wish.text}」已由 ${user.displayName} 认领。`,
        link: WISHES_PAGE,
      });
    }
    return { next, authorId: author?.userId };
  });
  if (claimed.authorId) {
    await push(
      deps,
      await deps.store.get(users, claimed.authorId),
      { title: '你的微心愿有人认领了', body: claimed.next.text, link: WISHES_PAGE },
      'wishClaimed',
    );
  }
  return { wish: toWish(claimed.next, user._id) };
}

/** The claimant marks the wish fulfilled; the wisher is told. */
export async function fulfilWish(ctx: Ctx, input: ParsedInputOf<'voice', 'fulfilWish'>): Promise<OutputOf<'voice', 'fulfilWish'>> {
  const { user, deps, now } = ctx;
  const next = await deps.store.transaction(async (tx) => {
    const wish = await tx.get(wishes, input.wishId);
    if (!wish || !PUBLIC.includes(wish.status)) throw notFound('找不到这个心愿');
    const claim = await tx.get(wishClaims, wish._id);
    if (!claim || claim.claimantId !== user._id) throw forbidden('只有认领人可以标记心愿已实现');
    if (wish.status !== 'claimed') throw conflict('这个心愿已经实现了');
    const done: WishDoc = { ...wish, status: 'fulfilled', fulfilledAt: now.toISOString() };
    await tx.set(wishes, done);
    const author = await tx.get(wishAuthors, wish._id);
    if (author) {
      await notify(tx, ctx, author.userId, {
        title: '你的微心愿实现了',
        body: `「${wish.text}」已经实现，别忘了说声谢谢。`,
        link: WISHES_PAGE,
      });
    }
    return done;
  });
  return { wish: toWish(next, user._id) };
}

/** The wisher thanks the claimant once the wish is fulfilled; the thanks shows on the wall. */
export async function thankWish(ctx: Ctx, input: ParsedInputOf<'voice', 'thankWish'>): Promise<OutputOf<'voice', 'thankWish'>> {
  const { user, deps } = ctx;
  const next = await deps.store.transaction(async (tx) => {
    const author = await tx.get(wishAuthors, input.wishId);
    const wish = await tx.get(wishes, input.wishId);
    if (!wish || !author) throw notFound('找不到这个心愿');
    if (author.userId !== user._id) throw forbidden('只有许愿人可以致谢');
    if (wish.status !== 'fulfilled') throw conflict('心愿实现后才能致谢');
    if (wish.thanks) throw conflict('已经致谢过了');
    const thanked: WishDoc = { ...wish, thanks: input.message };
    await tx.set(wishes, thanked);
    if (wish.claimedBy) {
      await notify(tx, ctx, wish.claimedBy, { title: '许愿人向你致谢', body: input.message, link: WISHES_PAGE });
    }
    return thanked;
  });
  return { wish: toMine(next, user._id) };
}
