import { queuedPushes } from '../../cloudfunctions/capabilities/inbox/collections';
import { push } from '../../cloudfunctions/capabilities/inbox/inbox';
import { sendQueuedPushes } from '../../cloudfunctions/capabilities/inbox/send-pushes';
import { findAll } from '../../cloudfunctions/core/store/find-all';
import { buildOrg, buildPerson } from '../support/builders';
import { createHarness, type Harness } from '../support/harness';
import { must } from '../support/must';

// Subscribe messages leave the request path: an action queues them, the scheduler's tick sends them.
const T0 = new Date('2026-11-18T02:00:00.000Z');
const HOUR = 3_600_000;
const NOTICE = { title: '申请已通过', body: '你的申请已通过审核。' };

let h: Harness;
let sent: string[];

beforeEach(async () => {
  h = await createHarness(T0);
  sent = [];
  await buildOrg(h.store, 'town');
  for (const openid of ['rider-1', 'rider-2', 'rider-3']) await buildPerson(h.deps, openid, { orgId: 'town' });
});
afterEach(() => h.close());

const user = async (openid: string) => must(await h.user(openid), openid);

describe('queued pushes', () => {
  it('never hold up an answer, even when WeChat never answers', async () => {
    h.deps.push = () => new Promise<void>(() => undefined);
    await buildPerson(h.deps, 'cadre', { roles: ['cadre'], cadreOrgIds: ['town'] });
    const { reviewId } = await h.call('rider-2', 'stations', 'apply', {
      name: '新驿站',
      orgId: 'town',
      location: { lat: 30.95, lng: 121.05 },
      address: '测试路 1 号',
      services: ['rest'],
    });
    const { item } = await h.call('cadre', 'review', 'decide', { id: reviewId, decision: 'approve' });
    expect(item.status).toBe('approved');
    expect(await findAll(h.store, queuedPushes)).toEqual([expect.objectContaining({ kind: 'reviewDecided', title: '申请已通过', sending: false })]);
  });

  it('are sent once each, oldest first, by two ticks at once', async () => {
    h.deps.push = async (openid, _kind, message) => void sent.push(`${openid} ${message.title}`);
    for (const openid of ['rider-1', 'rider-2', 'rider-3']) await push(h.deps, await user(openid), NOTICE, 'reviewDecided');
    const [a, b] = await Promise.all([sendQueuedPushes(h.deps, T0), sendQueuedPushes(h.deps, T0)]);
    expect(a + b).toBe(3);
    expect(sent.sort()).toEqual(['rider-1 申请已通过', 'rider-2 申请已通过', 'rider-3 申请已通过']);
    expect(await findAll(h.store, queuedPushes)).toEqual([]);
  });

  it('are tried once: a failed one is dropped and the rest still go', async () => {
    h.deps.push = async (openid) => {
      if (openid === 'rider-2') throw new Error('43101 user refused');
      sent.push(openid);
    };
    for (const openid of ['rider-1', 'rider-2', 'rider-3']) await push(h.deps, await user(openid), NOTICE, 'reviewDecided');
    expect(await sendQueuedPushes(h.deps, T0)).toBe(2);
    expect(sent.sort()).toEqual(['rider-1', 'rider-3']);
    expect(await findAll(h.store, queuedPushes)).toEqual([]);
  });

  it('are dropped unsent when hours late, and never queued where the platform cannot push', async () => {
    h.deps.push = async (openid) => void sent.push(openid);
    await push(h.deps, await user('rider-1'), NOTICE, 'reviewDecided');
    expect(await sendQueuedPushes(h.deps, new Date(T0.getTime() + 7 * HOUR))).toBe(0);
    expect(sent).toEqual([]);
    expect(await findAll(h.store, queuedPushes)).toEqual([]);
    delete h.deps.push;
    await push(h.deps, await user('rider-1'), NOTICE, 'reviewDecided');
    expect(await findAll(h.store, queuedPushes)).toEqual([]);
  });
});
