/**
 * 团团递语: a rider's opinion or request in one of nine areas, anonymous if they wish, answered by their committee
 * within the queue's SLA and, when the committee chooses, published as question and answer without the rider.
 */
import type { OpinionFigures, Opinion, OutputOf, ParsedInputOf, PublicAnswer } from '../../../types';
import { hmac, openField, sealField } from '../../core/crypto';
import { anonymousAuthorTag, sealAuthor } from './anonymous-authors';
import { inOversight, oversight, subtreeIds } from '../../core/access';
import { conflict, forbidden, notFound } from '../../core/errors';
import type { Ctx } from '../../core/runtime';
import type { DocReader } from '../../core/store/docstore.port';
import { findAll } from '../../core/store/find-all';
import { shanghaiDay, toShanghaiIso } from '../../core/time';
import { allOrgs, getOrg } from '../../capabilities/orgs/orgs.service';
import { reviewKindRegistry } from '../../capabilities/review/kinds';
import { registered } from '../../capabilities/review/review-kinds';
import { decideItem } from '../../capabilities/review/review.service';
import { anonymousSubmitter, fileReview } from '../../capabilities/review/submit';
import { opinionDays, opinions, type OpinionDoc } from './collections';
import { opinionKind } from './opinion-kind';
import { countReceived, emptyDay, opinionDayId, pathToRoot, sumFigures } from './voice-rules';

/** The author's tag on their named opinions: stable for them, meaningless without the field key. */
/** The only kind this feature decides itself (a cadre's answer approves the opinion's review item). */
const OPINION_KINDS = reviewKindRegistry([registered(opinionKind)]);

const namedAuthorTag = (userId: string, fieldKey: Buffer) => hmac(fieldKey, `opinion-author:${userId}`).toString('base64url');

function toOpinion(o: OpinionDoc, fieldKey: Buffer, forCadre: boolean): Opinion {
  return {
    id: o._id,
    orgId: o.orgId,
    area: o.area,
    text: openField(o.textEnc, fieldKey),
    anonymous: o.anonymous,
    status: o.status,
    at: toShanghaiIso(o.at),
    published: o.published,
    reviewId: o.reviewId,
    ...(o.answer ? { answer: o.answer } : {}),
    ...(o.answeredAt ? { answeredAt: toShanghaiIso(o.answeredAt) } : {}),
    ...(forCadre && o.authorName ? { authorName: o.authorName } : {}),
  };
}

/** A rider with a home committee sends an opinion; it lands in that committee's queue and today's figures. */
export async function sendOpinion(ctx: Ctx, input: ParsedInputOf<'voice', 'sendOpinion'>): Promise<OutputOf<'voice', 'sendOpinion'>> {
  const { user, deps, now } = ctx;
  const orgId = user.orgId;
  if (!orgId) throw forbidden('请先在“我的”里选择所属团委，再提交递语');
  if (!(await getOrg(deps.store, orgId))) throw notFound('所属团委不存在，请重新选择');
  const { fieldKey } = deps.secrets;
  const opinionId = deps.newId();
  const at = now.toISOString();
  const day = shanghaiDay(now);
  const doc = await deps.store.transaction(async (tx) => {
    const reviewId = await fileReview(tx, ctx, input.anonymous ? anonymousSubmitter(opinionId, now) : user, opinionKind, {
      orgId,
      payload: { opinionId, area: input.area, text: input.text, anonymous: input.anonymous },
    });
    const opinion: OpinionDoc = {
      _id: opinionId,
      orgId,
      area: input.area,
      textEnc: sealField(input.text, fieldKey),
      anonymous: input.anonymous,
      ...(input.anonymous
        ? { authorKey: anonymousAuthorTag(user._id, fieldKey), authorEnc: sealAuthor(user._id, fieldKey) }
        : { authorKey: namedAuthorTag(user._id, fieldKey), authorName: user.displayName }),
      reviewId,
      status: 'open',
      at,
      published: false,
    };
    await tx.insert(opinions, opinion);
    const dayId = opinionDayId(orgId, day);
    const counts = (await tx.get(opinionDays, dayId)) ?? { _id: dayId, orgId, day, ...emptyDay() };
    await tx.set(opinionDays, { ...counts, ...countReceived(counts, input.area) });
    return opinion;
  });
  return { opinion: toOpinion(doc, fieldKey, false) };
}

/** The caller's own threads, newest first, answered or not. */
export async function myOpinions({ user, deps }: Ctx, input: ParsedInputOf<'voice', 'myOpinions'>): Promise<OutputOf<'voice', 'myOpinions'>> {
  const { fieldKey } = deps.secrets;
  const page = await deps.store.find(opinions, {
    where: { authorKey: { $in: [namedAuthorTag(user._id, fieldKey), anonymousAuthorTag(user._id, fieldKey)] } },
    orderBy: [['at', 'desc']],
    limit: input.limit,
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
  return { opinions: page.items.map((o) => toOpinion(o, fieldKey, false)), ...(page.cursor ? { cursor: page.cursor } : {}) };
}

/** Published answers for the caller's home committee and the committees above it, newest first. */
export async function answers({ user, deps }: Ctx, input: ParsedInputOf<'voice', 'answers'>): Promise<OutputOf<'voice', 'answers'>> {
  if (!user.orgId) return { answers: [] };
  const orgIds = pathToRoot(await allOrgs(deps.store), user.orgId);
  const page = await deps.store.find(opinions, {
    where: { orgId: { $in: orgIds }, published: true, ...(input.area ? { area: input.area } : {}) },
    orderBy: [['publishedAt', 'desc']],
    limit: input.limit,
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
  const out: PublicAnswer[] = page.items.map((o) => ({
    id: o._id,
    orgId: o.orgId,
    area: o.area,
    question: o.publicQuestion ?? '',
    answer: o.answer ?? '',
    answeredAt: toShanghaiIso(o.answeredAt ?? o.at),
  }));
  return { answers: out, ...(page.cursor ? { cursor: page.cursor } : {}) };
}

/** A cadre's open opinions in scope, oldest first; the author's name only where the rider gave it. */
export async function opinionQueue({ user, deps }: Ctx, input: ParsedInputOf<'voice', 'opinionQueue'>): Promise<OutputOf<'voice', 'opinionQueue'>> {
  const scope = oversight(user, await allOrgs(deps.store));
  if (scope && scope.size === 0) return { opinions: [] };
  const page = await deps.store.find(opinions, {
    where: { status: 'open', ...(scope ? { orgId: { $in: [...scope] } } : {}) },
    orderBy: [['at', 'asc']],
    limit: input.limit,
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
  return { opinions: page.items.map((o) => toOpinion(o, deps.secrets.fieldKey, true)), ...(page.cursor ? { cursor: page.cursor } : {}) };
}

async function opinionInScope(ctx: Ctx, opinionId: string): Promise<OpinionDoc> {
  const found = await ctx.deps.store.get(opinions, opinionId);
  if (!found) throw notFound('找不到这条递语');
  if (!inOversight(oversight(ctx.user, await allOrgs(ctx.deps.store)), found.orgId)) throw forbidden('这条递语不在你的管辖范围内');
  return found;
}

/**
 * A cadre answers through the queue's own decision (approve, the answer as its note), so the item leaves the queue
 * and the answer is stored in one transaction; publishing, when asked, follows.
 */
export async function answerOpinion(ctx: Ctx, input: ParsedInputOf<'voice', 'answerOpinion'>): Promise<OutputOf<'voice', 'answerOpinion'>> {
  const found = await opinionInScope(ctx, input.opinionId);
  if (found.status !== 'open') throw conflict('这条递语已经答复过了');
  await decideItem(ctx, OPINION_KINDS, { id: found.reviewId, decision: 'approve', note: input.answer });
  if (input.publish) return publishAnswer(ctx, { opinionId: found._id, publish: true });
  const answered = await ctx.deps.store.get(opinions, found._id);
  return { opinion: toOpinion(answered ?? found, ctx.deps.secrets.fieldKey, true) };
}

/** A cadre in scope publishes an answered opinion (question and answer, never the rider), or takes it down. */
export async function publishAnswer(ctx: Ctx, input: ParsedInputOf<'voice', 'publishAnswer'>): Promise<OutputOf<'voice', 'publishAnswer'>> {
  const found = await opinionInScope(ctx, input.opinionId);
  const { fieldKey } = ctx.deps.secrets;
  if (found.status !== 'answered') throw conflict('答复后才能公开');
  const fields: Partial<OpinionDoc> = input.publish
    ? { published: true, publishedAt: ctx.now.toISOString(), publicQuestion: input.question ?? openField(found.textEnc, fieldKey) }
    : { published: false };
  await ctx.deps.store.update(opinions, found._id, fields);
  return { opinion: toOpinion({ ...found, ...fields }, fieldKey, true) };
}

/**
 * Opinions received by area, answers given and their mean hours, for committees `orgIds` over Shanghai days
 * `from`…`to` (inclusive), read from the per-committee, per-day roll-ups. For the reports domain too.
 */
export async function opinionFigures(store: DocReader, orgIds: readonly string[], from: string, to: string): Promise<OpinionFigures> {
  if (orgIds.length === 0) return sumFigures([]);
  const days = await findAll(store, opinionDays, { where: { orgId: { $in: [...orgIds] }, day: { $gte: from, $lte: to } } });
  return sumFigures(days);
}

/** A cadre's figures for a committee and its subtree. */
export async function figures({ user, deps }: Ctx, input: ParsedInputOf<'voice', 'opinionFigures'>): Promise<OutputOf<'voice', 'opinionFigures'>> {
  const orgs = await allOrgs(deps.store);
  if (!orgs.some((o) => o._id === input.orgId)) throw notFound('团委不存在');
  if (!inOversight(oversight(user, orgs), input.orgId)) throw forbidden('只能查看本团委及下级团委的数据');
  return { figures: await opinionFigures(deps.store, subtreeIds(orgs, input.orgId), input.from, input.to) };
}
