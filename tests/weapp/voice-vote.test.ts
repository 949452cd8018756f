import { bootApp, createWx, renderPage, waitUntil, type SimComponent } from './support/weapp';

jest.setTimeout(30000);

const ROUND = { id: 'rd-1', orgId: 'org-weitang', title: '2026 魏塘最美骑手', startsOn: '2026-11-18', endsOn: '2026-11-30', winners: 1, status: 'voting' };
const candidate = (votes: number) => ({
  nomineeId: 'u-li',
  displayName: '李小哥',
  story: '每天帮独居老人代买药品，风雨无阻。',
  status: 'shortlisted',
  votes,
  winner: false,
});
const self = { nomineeId: 'u-wang', displayName: '王骑手', story: '雨天把迷路的老人送回了家。', status: 'shortlisted', votes: 3, winner: false };
const view = (voted: boolean) => ({ round: ROUND, candidates: [candidate(voted ? 8 : 7), self], canVote: true, votedToday: voted, manage: false });

const wx = createWx();
type Call = { name: string; data: { action: string } & Record<string, unknown> };
const answers: Record<string, (data: Call['data']) => unknown> = {
  'voice.round': () => view(false),
  'account.me': () => ({ user: { id: 'u-wang', displayName: '王骑手', roles: ['rider'] } }),
  'voice.vote': () => view(true),
};
wx.cloud.callFunction.mockImplementation(async ({ name, data }: Call) => {
  const answer = answers[`${name}.${data.action}`];
  return { result: answer ? { ok: true, data: answer(data) } : { ok: false, error: { code: 'INVALID_INPUT', message: '未知操作' } } };
});
bootApp(wx);

describe('weapp build: 最美骑手 voting page', () => {
  let page: SimComponent;
  const text = () => page.dom.textContent ?? '';

  beforeAll(async () => {
    page = renderPage('packages/voice/pages/round/index');
    await waitUntil(() => text().includes('李小哥'));
  });

  it('shows the shortlist with stories and votes, and that the rider may still vote today', () => {
    expect(text()).toContain('2026 魏塘最美骑手');
    expect(text()).toContain('每天帮独居老人代买药品');
    expect(text()).toContain('7 票');
    expect(text()).toContain('你今天还可以投 1 票');
    // One vote button: the rider's own nomination offers none.
    expect(page.querySelectorAll('.candidate-vote')).toHaveLength(1);
    expect(text()).toContain('这是你自己，不能给自己投票');
  });

  it('votes with one tap, then says the rider has voted today and offers no second vote', async () => {
    page.querySelector('.candidate-vote')?.dispatchEvent('tap');
    await waitUntil(() => text().includes('你今天已经投过票了'));
    expect(wx.cloud.callFunction).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'voice', data: expect.objectContaining({ action: 'vote', nomineeId: 'u-li' }) }),
    );
    expect(text()).toContain('8 票');
    expect(text()).toContain('投票成功');
    expect(page.querySelectorAll('.candidate-vote')).toHaveLength(0);
  });
});
