import { bootApp, createWx, renderPage, waitUntil, type SimComponent } from './support/weapp';

jest.setTimeout(30000);

const CLASS = {
  id: 'act-1',
  title: '青年夜校：交通安全',
  kind: 'class',
  orgId: 'org-weitang',
  venue: { name: '魏塘小哥驿站', address: '嘉善县魏塘街道解放东路 1 号', location: { lat: 30.84, lng: 120.93 }, stationId: 'st-1' },
  distanceM: 1200,
  start: '2026-11-18T19:00:00.000+08:00',
  end: '2026-11-18T20:30:00.000+08:00',
  capacity: 30,
  seatsLeft: 12,
  waitlisted: 0,
  gives: { points: 20, certificate: true, pack: false },
};

const wx = createWx();
type Call = { name: string; data: { action: string } & Record<string, unknown> };
const answers: Record<string, (data: Call['data']) => unknown> = {
  'activities.list': () => ({ activities: [CLASS] }),
  'activities.mine': () => ({ signups: [] }),
  'activities.myMeal': () => ({}),
  'activities.campaigns': () => ({ campaigns: [] }),
  'stations.nearby': () => ({ stations: [] }),
  'activities.signUp': (data) => ({
    signup: { id: `${String(data.activityId)}:u-li`, activityId: data.activityId, status: 'confirmed', signedAt: '2026-11-18T10:00:00.000+08:00' },
  }),
};
wx.cloud.callFunction.mockImplementation(async ({ name, data }: Call) => {
  const answer = answers[`${name}.${data.action}`];
  return { result: answer ? { ok: true, data: answer(data) } : { ok: false, error: { code: 'INVALID_INPUT', message: '未知操作' } } };
});
bootApp(wx);

describe('weapp build: activities page', () => {
  let page: SimComponent;

  beforeAll(async () => {
    page = renderPage('packages/activities/pages/index/index');
    await waitUntil(() => (page.dom.textContent ?? '').includes('青年夜校：交通安全'));
  });

  it('shows the kind, the time, the place with its distance, the seats and what it gives', () => {
    const text = page.dom.textContent ?? '';
    expect(text).toContain('青年夜校 / 微课堂');
    expect(text).toContain('11月18日 周三 19:00–20:30');
    expect(text).toContain('魏塘小哥驿站 · 1.2 km');
    expect(text).toContain('剩余 12 个名额');
    expect(text).toContain('可得 20 积分 · 证书');
  });

  it('signs up in two taps: the button, then the confirmation', async () => {
    page.querySelector('.act-signup')?.dispatchEvent('tap');
    await waitUntil(() => wx.cloud.callFunction.mock.calls.some(([c]: [Call]) => c.data.action === 'signUp'));
    expect(wx.showModal).toHaveBeenCalled();
    expect(wx.cloud.callFunction).toHaveBeenCalledWith(expect.objectContaining({ name: 'activities', data: { action: 'signUp', activityId: 'act-1' } }));
  });

  it('opens the personal code to show at the venue', async () => {
    page.querySelector('.primary-button')?.dispatchEvent('tap');
    await waitUntil(() => wx.navigateTo.mock.calls.length > 0);
    expect(wx.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/packages/checkin/pages/code/index' }));
  });
});
