import type { UserDoc } from '../../cloudfunctions/core/identity';
import { reviews } from '../../cloudfunctions/capabilities/review/collections';
import { opinionDays, opinions, votes, wishAuthors, wishes } from '../../cloudfunctions/features/voice/collections';
import { opinionFigures } from '../../cloudfunctions/features/voice/opinions';
import type { Collection, Doc } from '../../cloudfunctions/core/store/docstore.port';
import { buildOrg, buildPerson, buildStation } from '../support/builders';
import { ADMIN, createHarness, type Harness } from '../support/harness';
import { must } from '../support/must';
import { photoOf } from '../support/photos';

// 10:00 in Shanghai on 18 November.
const T0 = new Date('2026-11-18T02:00:00.000Z');
const DAY = 24 * 3_600_000;
const COUNTY = 'v-county';
const TOWN = 'v-town';
const OTHER = 'v-other';

let h: Harness;
let wisher: UserDoc;

/** Every other role, each of whom must never learn who wished or who spoke anonymously. */
const OTHERS = ['v-rider-2', 'v-staff', 'v-cadre', 'v-cadre-out', ADMIN, 'v-volunteer'] as const;

beforeAll(async () => {
  h = await createHarness(T0);
  await buildOrg(h.store, COUNTY, { kind: 'district' });
  await buildOrg(h.store, TOWN, { parentId: COUNTY });
  await buildOrg(h.store, OTHER);
  await buildStation(h.store, 'v-st', { orgId: TOWN });
  wisher = await buildPerson(h.deps, 'v-rider', { orgId: TOWN, verified: true, displayName: '张小骑', listed: true });
  await buildPerson(h.deps, 'v-rider-2', { orgId: TOWN, verified: true, displayName: '李二骑' });
  await buildPerson(h.deps, 'v-rider-3', { orgId: TOWN, verified: true, displayName: '王三骑', listed: true });
  await buildPerson(h.deps, 'v-unverified', { orgId: TOWN, displayName: '赵未认证' });
  await buildPerson(h.deps, 'v-rider-far', { orgId: OTHER, verified: true });
  await buildPerson(h.deps, 'v-staff', { roles: ['staff'], stationIds: ['v-st'] });
  await buildStation(h.store, 'v-st-far', { orgId: OTHER });
  await buildPerson(h.deps, 'v-staff-far', { roles: ['staff'], stationIds: ['v-st-far'] });
  await buildPerson(h.deps, 'v-cadre', { roles: ['cadre'], cadreOrgIds: [TOWN] });
  await buildPerson(h.deps, 'v-cadre-county', { roles: ['cadre'], cadreOrgIds: [COUNTY] });
  await buildPerson(h.deps, 'v-cadre-out', { roles: ['cadre'], cadreOrgIds: [OTHER] });
  await buildPerson(h.deps, 'v-volunteer', { roles: ['volunteer'] });
  await h.call(ADMIN, 'account', 'me', {});
});

afterAll(() => h.close());

async function allDocs<T extends Doc>(coll: Collection<T>): Promise<T[]> {
  return (await h.store.find(coll, { limit: 1000 })).items;
}

/** Nothing in `value` names the wisher: neither their id nor their name. */
function expectNoTrace(value: unknown, who: UserDoc = wisher) {
  const text = JSON.stringify(value);
  expect(text).not.toContain(who._id);
  expect(text).not.toContain(who.displayName);
}

describe('微心愿', () => {
  it('goes from posting through review, claim and fulfilment to thanks, never naming the wisher', async () => {
    expect(await h.fail('v-rider', 'voice', 'postWish', { forWhom: 'child', text: '孩子想要一个新书包', photo: await photoOf(h, 'v-rider-2') })).toBe(
      'INVALID_INPUT',
    );
    const photo = await photoOf(h, 'v-rider');
    const { wish } = await h.call('v-rider', 'voice', 'postWish', { forWhom: 'child', text: '孩子想要一个新书包', photo });
    expect(wish.status).toBe('pending');
    expect((await h.call('v-volunteer', 'voice', 'wishes', {})).wishes).toEqual([]);

    // The committee sees who wished it; a cadre elsewhere cannot open the item.
    const { items } = await h.call('v-cadre', 'review', 'queue', { kind: 'wish' });
    expect(items.map((i) => [i.id, i.submitterName])).toEqual([[wish.reviewId, '张小骑']]);
    expect(await h.fail('v-cadre-out', 'review', 'get', { id: wish.reviewId })).toBe('FORBIDDEN');
    await h.call('v-cadre', 'review', 'decide', { id: wish.reviewId, decision: 'approve' });

    const wall = await h.call('v-volunteer', 'voice', 'wishes', { orgId: COUNTY });
    expect(wall.wishes).toMatchObject([{ id: wish.id, status: 'published', text: '孩子想要一个新书包', photo }]);
    for (const who of OTHERS) expectNoTrace(await h.call(who, 'voice', 'wishes', {}));
    expectNoTrace(await h.store.get(wishes, wish.id));

    // One claimant, even at once.
    expect(await h.fail('v-rider-2', 'voice', 'claimWish', { wishId: wish.id })).toBe('FORBIDDEN');
    const claims = await Promise.all(['v-volunteer', 'v-staff'].map((who) => h.raw('voice', who, { action: 'claimWish', wishId: wish.id })));
    expect(claims.filter((c) => c.ok)).toHaveLength(1);
    expect(claims.filter((c) => !c.ok).map((c) => !c.ok && c.error.code)).toEqual(['CONFLICT']);
    const claimant = claims[0]?.ok ? 'v-volunteer' : 'v-staff';
    const other = claimant === 'v-volunteer' ? 'v-staff' : 'v-volunteer';

    expect((await h.call('v-rider', 'voice', 'myWishes', {})).wishes).toMatchObject([{ id: wish.id, status: 'claimed' }]);
    expect(await h.fail('v-rider', 'voice', 'thankWish', { wishId: wish.id, message: '谢谢你！' })).toBe('CONFLICT');
    expect(await h.fail(other, 'voice', 'fulfilWish', { wishId: wish.id })).toBe('FORBIDDEN');
    const fulfilled = await h.call(claimant, 'voice', 'fulfilWish', { wishId: wish.id });
    expect(fulfilled.wish).toMatchObject({ status: 'fulfilled', claimedByMe: true });

    expect(await h.fail('v-rider-2', 'voice', 'thankWish', { wishId: wish.id, message: '谢谢你！' })).toBe('FORBIDDEN');
    const thanked = await h.call('v-rider', 'voice', 'thankWish', { wishId: wish.id, message: '孩子开心极了，谢谢你！' });
    expect(thanked.wish).toMatchObject({ status: 'fulfilled', thanks: '孩子开心极了，谢谢你！' });
    expect(await h.fail('v-rider', 'voice', 'thankWish', { wishId: wish.id, message: '再谢一次' })).toBe('CONFLICT');
    for (const who of OTHERS) expectNoTrace(await h.call(who, 'voice', 'wishes', {}));
    expect((await h.call('v-rider-2', 'voice', 'myWishes', {})).wishes).toEqual([]);
  });

  it('shows a refused wish to its wisher as not approved, and never on the wall', async () => {
    const { wish } = await h.call('v-rider', 'voice', 'postWish', { forWhom: 'self', text: '想回一趟老家看看' });
    await h.call('v-cadre-county', 'review', 'decide', { id: wish.reviewId, decision: 'reject', note: '请联系团委' });
    const mine = (await h.call('v-rider', 'voice', 'myWishes', {})).wishes.find((w) => w.id === wish.id);
    expect(mine?.status).toBe('rejected');
    expect((await h.call('v-rider-2', 'voice', 'wishes', {})).wishes.map((w) => w.id)).not.toContain(wish.id);
    expect(await h.fail('v-volunteer', 'voice', 'claimWish', { wishId: wish.id })).toBe('NOT_FOUND');
  });

  it('needs a home committee, and keeps the wisher in a document of its own', async () => {
    await buildPerson(h.deps, 'v-homeless');
    expect(await h.fail('v-homeless', 'voice', 'postWish', { forWhom: 'self', text: '想要一个头盔' })).toBe('FORBIDDEN');
    expect(await h.fail('v-rider', 'voice', 'postWish', { forWhom: 'self', text: '短' })).toBe('INVALID_INPUT');
    const authors = await allDocs(wishAuthors);
    expect(authors.every((a) => a.userId === wisher._id)).toBe(true);
    for (const w of await allDocs(wishes)) expectNoTrace(w);
  });
});

describe('团团递语', () => {
  let anonymousId = '';
  let reviewId = '';

  it('files an anonymous opinion that no other role can trace to the rider', async () => {
    const { opinion } = await h.call('v-rider', 'voice', 'sendOpinion', { area: 'rights', text: '站点要求超时工作，能不能帮忙反映', anonymous: true });
    anonymousId = opinion.id;
    reviewId = opinion.reviewId;
    expect(opinion).toMatchObject({ status: 'open', anonymous: true, area: 'rights' });

    for (const who of OTHERS) {
      const seen: unknown[] = [await h.call(who, 'voice', 'myOpinions', {})];
      const queue = await h.raw('review', who, { action: 'queue', kind: 'opinion' });
      const item = await h.raw('review', who, { action: 'get', id: reviewId });
      const voiceQueue = await h.raw('voice', who, { action: 'opinionQueue' });
      seen.push(queue, item, voiceQueue);
      expectNoTrace(seen);
      const reviewer = who === 'v-cadre' || who === ADMIN;
      expect(item.ok).toBe(reviewer);
      if (reviewer && item.ok) {
        expect(item.data).toMatchObject({ item: { submitterName: '匿名骑手', payload: { text: '站点要求超时工作，能不能帮忙反映' } } });
      }
    }
    // The stored documents name nobody either: the author is a keyed hash and a sealed field.
    expectNoTrace(await allDocs(opinions));
    expectNoTrace(await allDocs(reviews).then((all) => all.filter((r) => r.kind === 'opinion')));
    expectNoTrace(await allDocs(opinionDays));
    expect(JSON.stringify(await allDocs(opinions))).not.toContain('超时工作');

    // The rider sees their own thread.
    expect((await h.call('v-rider', 'voice', 'myOpinions', {})).opinions).toMatchObject([{ id: anonymousId, status: 'open' }]);
  });

  it('is answered through the queue’s own decision, whose note is the answer', async () => {
    expect(await h.fail('v-cadre', 'review', 'decide', { id: reviewId, decision: 'approve' })).toBe('INVALID_INPUT');
    expect(await h.fail('v-cadre-out', 'voice', 'answerOpinion', { opinionId: anonymousId, answer: '已联系站点' })).toBe('FORBIDDEN');
    h.clock.now = new Date(T0.getTime() + 5 * 3_600_000);
    await h.call('v-cadre', 'review', 'decide', { id: reviewId, decision: 'approve', note: '已约谈站点负责人，按规定安排休息。' });
    const [thread] = (await h.call('v-rider', 'voice', 'myOpinions', {})).opinions;
    expect(thread).toMatchObject({ status: 'answered', answer: '已约谈站点负责人，按规定安排休息。', published: false });
    expect((await h.call('v-rider-2', 'voice', 'answers', {})).answers).toEqual([]);

    // Published: the question and the answer, never the rider.
    expect(await h.fail('v-rider', 'voice', 'publishAnswer', { opinionId: anonymousId, publish: true })).toBe('FORBIDDEN');
    await h.call('v-cadre', 'voice', 'publishAnswer', { opinionId: anonymousId, publish: true, question: '站点要求超时工作怎么办？' });
    const { answers } = await h.call('v-rider-2', 'voice', 'answers', {});
    expect(answers).toMatchObject([{ id: anonymousId, question: '站点要求超时工作怎么办？', area: 'rights' }]);
    for (const who of OTHERS) expectNoTrace(await h.call(who, 'voice', 'answers', {}));
    expect((await h.call('v-rider-far', 'voice', 'answers', {})).answers).toEqual([]);
    expectNoTrace(await allDocs(opinions));
  });

  it('names a rider who chose to be named, to the committee only; answering and publishing in one step', async () => {
    h.clock.now = new Date(T0.getTime() + 6 * 3_600_000);
    const { opinion } = await h.call('v-rider-2', 'voice', 'sendOpinion', { area: 'safety', text: '路口红绿灯时间太短了', anonymous: false });
    const { opinions: queue } = await h.call('v-cadre', 'voice', 'opinionQueue', {});
    expect(queue).toMatchObject([{ id: opinion.id, authorName: '李二骑', text: '路口红绿灯时间太短了' }]);
    expect((await h.call('v-cadre-out', 'voice', 'opinionQueue', {})).opinions).toEqual([]);
    expect(await h.fail('v-rider', 'voice', 'opinionQueue', {})).toBe('FORBIDDEN');

    h.clock.now = new Date(T0.getTime() + 8 * 3_600_000);
    const answered = await h.call('v-cadre-county', 'voice', 'answerOpinion', { opinionId: opinion.id, answer: '已向交警部门反映。', publish: true });
    expect(answered.opinion).toMatchObject({ status: 'answered', published: true });
    expect(await h.fail('v-cadre', 'voice', 'answerOpinion', { opinionId: opinion.id, answer: '再答一次' })).toBe('CONFLICT');
    const { answers } = await h.call('v-rider', 'voice', 'answers', { area: 'safety' });
    expect(answers.map((a) => a.question)).toEqual(['路口红绿灯时间太短了']);
    expect(JSON.stringify(answers)).not.toContain('李二骑');
  });

  it('counts opinions by area and answer hours from the roll-ups', async () => {
    const figures = await opinionFigures(h.store, [TOWN], '2026-11-18', '2026-11-18');
    expect(figures).toMatchObject({ received: 2, answered: 2, meanAnswerHours: 3.5 });
    expect(figures.byArea).toMatchObject({ rights: 1, safety: 1, legal: 0 });
    expect((await opinionFigures(h.store, [OTHER], '2026-11-01', '2026-11-30')).received).toBe(0);
    const { figures: county } = await h.call('v-cadre-county', 'voice', 'opinionFigures', { orgId: COUNTY, from: '2026-11-01', to: '2026-11-30' });
    expect(county.received).toBe(2);
    expect(await h.fail('v-cadre-out', 'voice', 'opinionFigures', { orgId: TOWN, from: '2026-11-01', to: '2026-11-30' })).toBe('FORBIDDEN');
  });
  it('tells the rider why, when the committee does not take an opinion up', async () => {
    const { opinion } = await h.call('v-rider-2', 'voice', 'sendOpinion', { area: 'life', text: '希望驿站多放几把雨伞', anonymous: true });
    const queue = await h.call('v-cadre', 'review', 'queue', { kind: 'opinion' });
    const item = must(
      queue.items.find((i) => i.status === 'pending'),
      'the new opinion in the queue',
    );
    await h.call('v-cadre', 'review', 'decide', { id: item.id, decision: 'reject', note: '请联系所在驿站' });
    const thread = (await h.call('v-rider-2', 'voice', 'myOpinions', {})).opinions.find((o) => o.id === opinion.id);
    expect(thread).toMatchObject({ status: 'answered', answer: '未受理：请联系所在驿站' });
  });
});

describe('最美骑手', () => {
  let roundId = '';
  const idOf = async (openid: string) => must(await h.user(openid), openid)._id;

  it('is opened by a cadre in scope', async () => {
    h.clock.now = T0;
    const input = { orgId: TOWN, title: '2026 最美骑手', startsOn: '2026-11-18', endsOn: '2026-11-30', winners: 1 };
    expect(await h.fail('v-cadre-out', 'voice', 'openRound', input)).toBe('FORBIDDEN');
    expect(await h.fail('v-rider', 'voice', 'openRound', input)).toBe('FORBIDDEN');
    expect(await h.fail('v-cadre', 'voice', 'openRound', { ...input, endsOn: '2026-11-01' })).toBe('INVALID_INPUT');
    roundId = (await h.call('v-cadre', 'voice', 'openRound', input)).round.id;
    expect((await h.call('v-rider', 'voice', 'rounds', {})).rounds.map((r) => r.id)).toEqual([roundId]);
    expect((await h.call('v-rider-far', 'voice', 'rounds', {})).rounds).toEqual([]);
  });

  it('asks the nominee, and a declined nomination disappears everywhere', async () => {
    // Verified riders of the committee who chose to be listed, to the committee's own people only.
    const riders = (await h.call('v-rider-2', 'voice', 'riders', { roundId, limit: 100 })).riders.map((r) => r.displayName);
    expect(riders.sort()).toEqual(['张小骑', '王三骑'].sort());
    expect((await h.call('v-staff', 'voice', 'riders', { roundId })).riders).toHaveLength(2);
    for (const who of ['v-rider-far', 'v-staff-far', 'v-cadre-out', ADMIN]) expect(await h.fail(who, 'voice', 'riders', { roundId })).toBe('FORBIDDEN');

    const rider = await idOf('v-rider');
    const rider3 = await idOf('v-rider-3');
    // Only the round committee's own people nominate: not riders, station staff or cadres of other committees, nor admins.
    for (const who of ['v-rider-far', 'v-staff-far', 'v-cadre-out', ADMIN]) {
      expect(await h.fail(who, 'voice', 'nominate', { roundId, nomineeId: rider, story: '每天帮老人代买药品，风雨无阻。' })).toBe('FORBIDDEN');
    }
    expect(await h.fail('v-rider-2', 'voice', 'nominate', { roundId, nomineeId: await idOf('v-unverified'), story: '每天帮老人代买药品，风雨无阻。' })).toBe(
      'NOT_FOUND',
    );
    await h.call('v-rider-2', 'voice', 'nominate', { roundId, nomineeId: rider, story: '每天帮老人代买药品，风雨无阻。' });
    await h.call('v-staff', 'voice', 'nominate', { roundId, nomineeId: rider3, story: '暴雨夜把走失的孩子送回了家。' });
    expect(await h.fail('v-staff', 'voice', 'nominate', { roundId, nomineeId: rider, story: '又一次提名同一个人的故事。' })).toBe('CONFLICT');

    // Not public until the nominee says yes.
    expect((await h.call('v-rider-2', 'voice', 'round', { roundId })).candidates).toEqual([]);
    expect((await h.call('v-rider', 'voice', 'round', { roundId })).askedOfMe).toEqual({ story: '每天帮老人代买药品，风雨无阻。' });
    await h.call('v-rider', 'voice', 'answerNomination', { roundId, accept: true });
    await h.call('v-rider-3', 'voice', 'answerNomination', { roundId, accept: false });

    for (const who of ['v-rider', 'v-rider-2', 'v-rider-3', 'v-cadre', ADMIN]) {
      const view = await h.call(who, 'voice', 'round', { roundId });
      expect(view.candidates.map((c) => c.nomineeId)).toEqual([rider]);
      expect(JSON.stringify(view)).not.toContain('暴雨夜');
    }
    expect(await h.fail('v-rider-2', 'voice', 'nominate', { roundId, nomineeId: rider3, story: '暴雨夜把走失的孩子送回了家。' })).toBe('CONFLICT');
    expect(await h.fail('v-cadre', 'voice', 'shortlist', { roundId, nomineeIds: [rider3] })).toBe('CONFLICT');
  });

  it('lets verified riders of the committee vote once a day, also under concurrency', async () => {
    const rider = await idOf('v-rider');
    expect(await h.fail('v-rider-2', 'voice', 'vote', { roundId, nomineeId: rider })).toBe('CONFLICT');
    expect(await h.fail('v-rider', 'voice', 'shortlist', { roundId, nomineeIds: [rider] })).toBe('FORBIDDEN');
    await h.call('v-cadre', 'voice', 'shortlist', { roundId, nomineeIds: [rider] });

    expect(await h.fail('v-unverified', 'voice', 'vote', { roundId, nomineeId: rider })).toBe('FORBIDDEN');
    expect(await h.fail('v-rider-far', 'voice', 'vote', { roundId, nomineeId: rider })).toBe('FORBIDDEN');
    expect((await h.call('v-unverified', 'voice', 'round', { roundId })).canVote).toBe(false);

    const answers = await Promise.all(Array.from({ length: 20 }, () => h.raw('voice', 'v-rider-2', { action: 'vote', roundId, nomineeId: rider })));
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(new Set(answers.filter((a) => !a.ok).map((a) => !a.ok && a.error.code))).toEqual(new Set(['CONFLICT']));
    const today = await h.call('v-rider-2', 'voice', 'round', { roundId });
    expect(today).toMatchObject({ votedToday: true, candidates: [{ nomineeId: rider, votes: 1 }] });
    expect((await allDocs(votes)).length).toBe(1);

    // A new Shanghai day, a new vote.
    h.clock.now = new Date(T0.getTime() + DAY);
    expect((await h.call('v-rider-2', 'voice', 'round', { roundId })).votedToday).toBe(false);
    await h.call('v-rider-2', 'voice', 'vote', { roundId, nomineeId: rider });
    await h.call('v-rider-3', 'voice', 'vote', { roundId, nomineeId: rider });
    expect((await h.call('v-rider', 'voice', 'round', { roundId })).candidates[0]?.votes).toBe(3);
    // Nobody votes for themselves.
    expect(await h.fail('v-rider', 'voice', 'vote', { roundId, nomineeId: rider })).toBe('FORBIDDEN');

    h.clock.now = new Date('2026-12-01T02:00:00.000Z');
    expect(await h.fail('v-rider-3', 'voice', 'vote', { roundId, nomineeId: rider })).toBe('EXPIRED');
  });

  it('publishes the results and shows the winner’s honour on their profile', async () => {
    const rider = await idOf('v-rider');
    expect(await h.fail('v-cadre-out', 'voice', 'publishResults', { roundId })).toBe('FORBIDDEN');
    const view = await h.call('v-cadre-county', 'voice', 'publishResults', { roundId });
    expect(view.round.status).toBe('published');
    expect(view.candidates).toMatchObject([{ nomineeId: rider, winner: true, votes: 3, story: '每天帮老人代买药品，风雨无阻。' }]);
    expect(await h.fail('v-cadre', 'voice', 'publishResults', { roundId })).toBe('CONFLICT');
    expect((await h.call('v-rider', 'account', 'me', {})).user.awards).toEqual([{ title: '2026 最美骑手', round: roundId }]);
    expect((await h.call('v-rider-2', 'account', 'me', {})).user.awards).toBeUndefined();
  });
});
