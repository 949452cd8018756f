/**
 * 最美骑手: a committee's round of nominations (the nominee may decline), a shortlist, daily votes by verified riders
 * and published winners, shown on their profiles.
 */
import { PAGES, pageLink } from '../../../types/pages';
import type { Candidate, OutputOf, ParsedInputOf, Round, RoundView } from '../../../types';
import { isCadreOf, isCommitteeCadre, isStaffOf, oversight, subtreeIds, type OrgNode } from '../../core/access';
import { conflict, expired, forbidden, invalid, notFound } from '../../core/errors';
import { users, type UserDoc } from '../../core/identity';
import type { Ctx } from '../../core/runtime';
import { StoreConflict, type DocReader } from '../../core/store/docstore.port';
import { findAll } from '../../core/store/find-all';
import { shanghaiDay } from '../../core/time';
import { notify } from '../../capabilities/inbox/inbox';
import { allOrgs } from '../../capabilities/orgs/orgs.service';
import { stationsById } from '../../capabilities/orgs/station-directory';
import { declines, nominations, rounds, votes, type NominationDoc, type RoundDoc } from './collections';
import { awards } from '../../capabilities/account/honours';
import { awardId, nominationId, nominationsOpen, pathToRoot, pickWinners, voteId, votingState } from './voice-rules';

export const roundPageUrl = (roundId: string) => pageLink(PAGES.voice.round, { id: roundId });

function toRound(r: RoundDoc): Round {
  return { id: r._id, orgId: r.orgId, title: r.title, startsOn: r.startsOn, endsOn: r.endsOn, winners: r.winners, status: r.status };
}

interface Scoped {
  round: RoundDoc;
  orgs: OrgNode[];
  /** The round's committee and every committee below it. */
  scope: Set<string>;
}

async function loadRound(store: DocReader, roundId: string): Promise<Scoped> {
  const [round, orgs] = await Promise.all([store.get(rounds, roundId), allOrgs(store)]);
  if (!round) throw notFound('找不到这次评选');
  return { round, orgs, scope: new Set(subtreeIds(orgs, round.orgId)) };
}

const inRound = (s: Scoped, user: Pick<UserDoc, 'orgId'>) => Boolean(user.orgId && s.scope.has(user.orgId));

/**
 * The round committee's own people: riders whose home committee is in it, staff of its stations, and its cadres
 * (admins are none of these).
 */
async function ofRound(store: DocReader, s: Scoped, user: UserDoc): Promise<boolean> {
  if (inRound(s, user) || isCommitteeCadre(user, s.orgs, s.round.orgId)) return true;
  if (!user.roles.includes('staff') || user.stationIds.length === 0) return false;
  const own = await stationsById(store, user.stationIds);
  return [...own.values()].some((st) => isStaffOf(user, st._id) && s.scope.has(st.orgId));
}
const mayVote = (s: Scoped, user: UserDoc) => user.verified && inRound(s, user);

/** Who sees which nominations: accepted ones while nominating, then the shortlist; a declined one is gone. */
function visible(round: RoundDoc, n: NominationDoc, manage: boolean): boolean {
  if (round.status === 'nominating') return n.status !== 'asked' || manage;
  return n.status === 'shortlisted';
}

/** Votes per nominee of a round, counted from the votes themselves. */
async function countVotes(store: DocReader, roundId: string): Promise<Map<string, number>> {
  const groups = await store.group(votes, { where: { roundId }, groupBy: ['nomineeId'], limit: 1000 });
  return new Map(groups.map((g) => [String(g.key.nomineeId), g.count]));
}

/** The nominations with their votes: counted while voting, as published once published. */
async function tallied(store: DocReader, round: RoundDoc): Promise<NominationDoc[]> {
  const [all, counted] = await Promise.all([
    findAll(store, nominations, { where: { roundId: round._id } }),
    round.status === 'voting' ? countVotes(store, round._id) : null,
  ]);
  return counted ? all.map((n) => ({ ...n, votes: counted.get(n.nomineeId) ?? 0 })) : all;
}

async function view(ctx: Ctx, s: Scoped): Promise<RoundView> {
  const { user, deps, now } = ctx;
  const day = shanghaiDay(now);
  const manage = isCadreOf(user, s.orgs, s.round.orgId);
  const [all, mine, voted] = await Promise.all([
    tallied(deps.store, s.round),
    deps.store.get(nominations, nominationId(s.round._id, user._id)),
    deps.store.get(votes, voteId(s.round._id, user._id, day)),
  ]);
  const candidates: Candidate[] = all
    .filter((n) => visible(s.round, n, manage))
    .sort((a, b) => (s.round.status === 'nominating' ? a.at.localeCompare(b.at) : b.votes - a.votes || a.at.localeCompare(b.at)))
    .map((n) => ({ nomineeId: n.nomineeId, displayName: n.nomineeName, story: n.story, status: n.status, votes: n.votes, winner: n.winner }));
  return {
    round: toRound(s.round),
    candidates,
    canVote: mayVote(s, user) && votingState(s.round, day) === 'open',
    votedToday: voted !== null,
    ...(mine?.status === 'asked' ? { askedOfMe: { story: mine.story } } : {}),
    manage,
  };
}

/** A cadre opens a round for a committee in their scope. */
export async function openRound({ user, deps, now }: Ctx, input: ParsedInputOf<'voice', 'openRound'>): Promise<OutputOf<'voice', 'openRound'>> {
  const orgs = await allOrgs(deps.store);
  if (!orgs.some((o) => o._id === input.orgId)) throw notFound('团委不存在');
  if (!isCadreOf(user, orgs, input.orgId)) throw forbidden('只能为本团委及下级团委发起评选');
  if (input.endsOn < shanghaiDay(now)) throw invalid('结束日期已经过去了');
  const round: RoundDoc = { _id: deps.newId(), ...input, status: 'nominating', createdBy: user._id, createdAt: now.toISOString() };
  await deps.store.insert(rounds, round);
  return { round: toRound(round) };
}

/** Rounds the caller takes part in (their committee and those above it) or runs (their scope), newest first. */
export async function roundList({ user, deps }: Ctx): Promise<OutputOf<'voice', 'rounds'>> {
  const orgs = await allOrgs(deps.store);
  const scope = oversight(user, orgs);
  if (scope === undefined) {
    return { rounds: (await deps.store.find(rounds, { orderBy: [['createdAt', 'desc']], limit: 50 })).items.map(toRound) };
  }
  const orgIds = [...new Set([...(user.orgId ? pathToRoot(orgs, user.orgId) : []), ...scope])];
  if (orgIds.length === 0) return { rounds: [] };
  const page = await deps.store.find(rounds, { where: { orgId: { $in: orgIds } }, orderBy: [['createdAt', 'desc']], limit: 50 });
  return { rounds: page.items.map(toRound) };
}

export async function roundView(ctx: Ctx, input: ParsedInputOf<'voice', 'round'>): Promise<OutputOf<'voice', 'round'>> {
  return view(ctx, await loadRound(ctx.deps.store, input.roundId));
}

/**
 * Verified riders of the round's committee who chose to be listed, for choosing a nominee: only to those who may
 * nominate (the committee's own people), and only their id and display name.
 */
export async function riders({ user, deps }: Ctx, input: ParsedInputOf<'voice', 'riders'>): Promise<OutputOf<'voice', 'riders'>> {
  const s = await loadRound(deps.store, input.roundId);
  if (!(await ofRound(deps.store, s, user))) throw forbidden('只有本团委的骑手、驿站工作人员和团干部可以查看候选骑手');
  const page = await deps.store.find(users, {
    where: { orgId: { $in: [...s.scope] }, verified: true, listed: true },
    limit: input.limit,
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
  return {
    riders: page.items.map((u) => ({ id: u._id, displayName: u.displayName })),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}

/**
 * Riders of the committee, its station staff and its cadres nominate a verified rider of the committee with a short
 * story; the nominee is asked first. One nomination per rider and round (keyed), and none for a rider who declined.
 */
export async function nominate(ctx: Ctx, input: ParsedInputOf<'voice', 'nominate'>): Promise<OutputOf<'voice', 'nominate'>> {
  const { user, deps, now } = ctx;
  const s = await loadRound(deps.store, input.roundId);
  if (!(await ofRound(deps.store, s, user))) throw forbidden('只有本团委的骑手、驿站工作人员和团干部可以提名');
  if (input.nomineeId === user._id) throw forbidden('不能提名自己');
  const nominee = await deps.store.get(users, input.nomineeId);
  if (!nominee || !nominee.verified || !inRound(s, nominee)) throw notFound('只能提名本团委已认证的骑手');
  if (!nominationsOpen(s.round, shanghaiDay(now))) throw expired('提名已经截止');
  const id = nominationId(s.round._id, nominee._id);
  await deps.store.transaction(async (tx) => {
    if (await tx.get(declines, id)) throw conflict('这位骑手婉拒了本次提名');
    if (await tx.get(nominations, id)) throw conflict('这位骑手已经被提名了');
    await tx.insert(nominations, {
      _id: id,
      roundId: s.round._id,
      nomineeId: nominee._id,
      nomineeName: nominee.displayName,
      story: input.story,
      nominatorId: user._id,
      status: 'asked',
      votes: 0,
      winner: false,
      at: now.toISOString(),
    });
    await notify(tx, ctx, nominee._id, {
      title: `你被提名「${s.round.title}」`,
      body: '有人讲了你的故事并提名了你，是否接受提名？',
      link: roundPageUrl(s.round._id),
    });
  });
  return { nominee: { id: nominee._id, displayName: nominee.displayName } };
}

/** The nominee accepts, or declines: a declined nomination is removed, and stays declined for the round. */
export async function answerNomination(ctx: Ctx, input: ParsedInputOf<'voice', 'answerNomination'>): Promise<OutputOf<'voice', 'answerNomination'>> {
  const { user, deps, now } = ctx;
  const s = await loadRound(deps.store, input.roundId);
  const id = nominationId(s.round._id, user._id);
  await deps.store.transaction(async (tx) => {
    const found = await tx.get(nominations, id);
    if (!found) throw notFound('你没有被提名');
    if (found.status !== 'asked') throw conflict('你已经回复过了');
    if (input.accept) {
      await tx.update(nominations, id, { status: 'accepted' });
      return;
    }
    await tx.remove(nominations, id);
    await tx.insert(declines, { _id: id, at: now.toISOString() });
  });
  return view(ctx, s);
}

/** A cadre in scope shortlists accepted nominees; voting opens. */
export async function shortlist(ctx: Ctx, input: ParsedInputOf<'voice', 'shortlist'>): Promise<OutputOf<'voice', 'shortlist'>> {
  const { user, deps } = ctx;
  const s = await loadRound(deps.store, input.roundId);
  if (!isCadreOf(user, s.orgs, s.round.orgId)) throw forbidden('只有本团委的团干部可以确定入围名单');
  const next = await deps.store.transaction(async (tx) => {
    const round = await tx.get(rounds, s.round._id);
    if (!round || round.status !== 'nominating') throw conflict('入围名单已经确定了');
    for (const nomineeId of new Set(input.nomineeIds)) {
      const n = await tx.get(nominations, nominationId(round._id, nomineeId));
      if (!n || n.status !== 'accepted') throw conflict('只能从已接受提名的骑手中选择入围');
      await tx.update(nominations, n._id, { status: 'shortlisted' });
    }
    await tx.update(rounds, round._id, { status: 'voting' });
    return { ...round, status: 'voting' as const };
  });
  return view(ctx, { ...s, round: next });
}

/**
 * A verified rider of the committee votes for a shortlisted nominee: one vote per round and Shanghai day, a document
 * keyed `<round>:<voter>:<day>` inserted outside any transaction (a second one that day is refused). No tally is
 * written: votes are counted when results are read, so voters never queue on a shared document.
 */
export async function vote(ctx: Ctx, input: ParsedInputOf<'voice', 'vote'>): Promise<OutputOf<'voice', 'vote'>> {
  const { user, deps, now } = ctx;
  const s = await loadRound(deps.store, input.roundId);
  if (!user.verified) throw forbidden('完成骑手认证后才能投票');
  if (!inRound(s, user)) throw forbidden('只有本团委的骑手可以投票');
  if (input.nomineeId === user._id) throw forbidden('不能给自己投票');
  const day = shanghaiDay(now);
  const state = votingState(s.round, day);
  if (state === 'not-voting') throw conflict(s.round.status === 'published' ? '评选结果已经揭晓' : '还没有开始投票');
  if (state !== 'open') throw expired(state === 'ended' ? '投票已经结束' : '投票还没有开始');
  const n = await deps.store.get(nominations, nominationId(s.round._id, input.nomineeId));
  if (!n || n.status !== 'shortlisted') throw notFound('找不到这位入围骑手');
  try {
    await deps.store.insert(votes, {
      _id: voteId(s.round._id, user._id, day),
      roundId: s.round._id,
      voterId: user._id,
      nomineeId: n.nomineeId,
      day,
      at: now.toISOString(),
    });
  } catch (error) {
    throw error instanceof StoreConflict ? conflict('今天已经投过票了，明天再来') : error;
  }
  return view(ctx, s);
}

/**
 * A cadre in scope publishes the results: the votes are counted, the most-voted shortlisted riders win, are told,
 * and wear the title; each nomination keeps its count as published.
 */
export async function publishResults(ctx: Ctx, input: ParsedInputOf<'voice', 'publishResults'>): Promise<OutputOf<'voice', 'publishResults'>> {
  const { user, deps, now } = ctx;
  const s = await loadRound(deps.store, input.roundId);
  if (!isCadreOf(user, s.orgs, s.round.orgId)) throw forbidden('只有本团委的团干部可以公布结果');
  if (s.round.status !== 'voting') throw conflict(s.round.status === 'published' ? '结果已经公布了' : '请先确定入围名单');
  const shortlisted = (await tallied(deps.store, s.round)).filter((n) => n.status === 'shortlisted');
  const at = now.toISOString();
  const next = await deps.store.transaction(async (tx) => {
    const round = await tx.get(rounds, s.round._id);
    if (!round || round.status !== 'voting') throw conflict('结果已经公布了');
    for (const n of shortlisted) await tx.update(nominations, n._id, { votes: n.votes });
    for (const w of pickWinners(shortlisted, round.winners)) {
      await tx.update(nominations, w._id, { winner: true });
      await tx.insert(awards, { _id: awardId(round._id, w.nomineeId), userId: w.nomineeId, roundId: round._id, title: round.title, orgId: round.orgId, at });
      await notify(tx, ctx, w.nomineeId, {
        title: `你当选「${round.title}」`,
        body: '恭喜！你的故事和大家的投票让你当选，荣誉已显示在你的主页。',
        link: roundPageUrl(round._id),
      });
    }
    await tx.update(rounds, round._id, { status: 'published', publishedAt: at });
    return { ...round, status: 'published' as const, publishedAt: at };
  });
  return view(ctx, { ...s, round: next });
}
