/**
 * Riders' voice in the demo: a published wish on the wall, an answered and published opinion, and an open 最美骑手
 * round in its voting days. Made through the use cases themselves, as the people of the demo, at past instants.
 */
import { users } from '../../cloudfunctions/core/identity';
import type { Ctx, Deps } from '../../cloudfunctions/core/runtime';
import { decideItem } from '../../cloudfunctions/capabilities/review/review.service';
import { REVIEW_KIND_REGISTRY } from '../../cloudfunctions/functions';
import { answerNomination, nominate, openRound, shortlist } from '../../cloudfunctions/features/voice/awards';
import { answerOpinion, sendOpinion } from '../../cloudfunctions/features/voice/opinions';
import { postWish } from '../../cloudfunctions/features/voice/wishes';
import { shanghaiDay } from '../../cloudfunctions/core/time';
import { demoUserId } from './seed';

const HOUR = 3_600_000;

export async function seedVoiceActivity(deps: Deps): Promise<void> {
  const now = deps.now().getTime();
  const as = async (openid: Parameters<typeof demoUserId>[1], hoursAgo: number): Promise<Ctx> => {
    const user = await deps.store.get(users, demoUserId(deps, openid));
    if (!user) throw new Error(`demo user ${openid} is missing`);
    return { user, deps, now: new Date(now - hoursAgo * HOUR) };
  };

  const { wish } = await postWish(await as('demo-rider-2', 50), { forWhom: 'child', text: '女儿开学想要一个新书包和一套文具' });
  await decideItem(await as('demo-town-cadre', 40), REVIEW_KIND_REGISTRY, { id: wish.reviewId, decision: 'approve' });

  const { opinion } = await sendOpinion(await as('demo-rider', 30), {
    area: 'social-insurance',
    text: '我们跑外卖的能不能在嘉善参加灵活就业社保？去哪里办？',
    anonymous: true,
  });
  await answerOpinion(await as('demo-town-cadre', 20), {
    opinionId: opinion.id,
    answer: '可以。带身份证到县社保中心或在“浙里办”搜索“灵活就业参保登记”即可办理，驿站每周三下午有社保专员现场答疑。',
    publish: true,
  });

  const opened = await as('demo-town-cadre', 26);
  const { round } = await openRound(opened, {
    orgId: 'org-weitang',
    title: '魏塘街道最美骑手',
    startsOn: shanghaiDay(opened.now),
    endsOn: shanghaiDay(new Date(now + 14 * 24 * HOUR)),
    winners: 1,
  });
  const li = demoUserId(deps, 'demo-rider');
  const wang = demoUserId(deps, 'demo-rider-2');
  await nominate(await as('demo-rider-2', 25), { roundId: round.id, nomineeId: li, story: '暴雨天在路口护送放学的孩子过马路，还帮独居老人代买药品。' });
  await nominate(await as('demo-staff', 25), { roundId: round.id, nomineeId: wang, story: '每天最早到驿站，主动帮新来的骑手熟悉片区和送餐路线。' });
  await answerNomination(await as('demo-rider', 24), { roundId: round.id, accept: true });
  await answerNomination(await as('demo-rider-2', 24), { roundId: round.id, accept: true });
  await shortlist(await as('demo-town-cadre', 23), { roundId: round.id, nomineeIds: [li, wang] });
}
