import { bootApp, createWx, renderPage, waitUntil, type SimComponent } from './support/weapp';

jest.setTimeout(30000);

const PROGRAMME = {
  id: 'prog-1',
  title: '寒假骑士班·魏塘',
  orgId: 'org-weitang',
  description: '上午作业辅导，下午兴趣课程',
  site: { name: '魏塘街道新时代文明实践站', address: '嘉善县魏塘街道谈公南路 58 号', location: { lat: 30.8372, lng: 120.9221 }, stationId: 'st-1' },
  ageMin: 6,
  ageMax: 12,
  capacity: 30,
  confirmed: 30,
  seatsLeft: 0,
  waitlisted: 2,
  signupOpens: '2026-11-17T08:00:00.000+08:00',
  signupCloses: '2026-11-20T20:00:00.000+08:00',
  signupState: 'open',
  requiresReview: false,
  sessions: [
    { date: '2026-11-21', start: '09:00', end: '11:00', course: '国际象棋' },
    { date: '2026-11-22', start: '14:00', end: '16:00', course: '街舞' },
  ],
  courses: ['国际象棋', '街舞'],
  firstDate: '2026-11-21',
  lastDate: '2026-11-22',
};

const wx = createWx();
type Call = { name: string; data: { action: string } & Record<string, unknown> };
const answers: Record<string, (data: Call['data']) => unknown> = {
  'account.me': () => ({ user: { id: 'u-li', displayName: '李小哥', roles: ['rider'] } }),
  'childcare.programme': () => ({ programme: PROGRAMME }),
  'childcare.children': () => ({ children: [{ id: 'kid-1', name: '王**', age: 8, emergencyPhone: '138****8000', hasAllergies: true }] }),
  'childcare.enrol': (data) => ({
    enrolment: {
      id: `${String(data.programmeId)}:${String(data.childId)}`,
      programmeId: data.programmeId,
      childId: data.childId,
      status: 'waitlisted',
      position: 3,
      enrolledAt: '2026-11-18T10:00:00.000+08:00',
    },
  }),
};
wx.cloud.callFunction.mockImplementation(async ({ name, data }: Call) => {
  const answer = answers[`${name}.${data.action}`];
  return { result: answer ? { ok: true, data: answer(data) } : { ok: false, error: { code: 'INVALID_INPUT', message: '未知操作' } } };
});
bootApp(wx);

describe('weapp build: childcare programme page', () => {
  let page: SimComponent;

  beforeAll(async () => {
    page = renderPage('packages/childcare/pages/programme/index');
    await waitUntil(() => (page.dom.textContent ?? '').includes('寒假骑士班·魏塘'));
  });

  it('shows the course menu by date, the age range, full seats and the waitlist', () => {
    const text = page.dom.textContent ?? '';
    expect(text).toContain('11月21日 周六 国际象棋');
    expect(text).toContain('11月22日 周日 街舞');
    expect(text).toContain('6–12 岁');
    expect(text).toContain('名额已满 · 2 人候补');
    expect(text).toContain('王**');
  });

  it('navigates to the site with openLocation', async () => {
    page.querySelector('.programme-page__navigate')?.dispatchEvent('tap');
    await waitUntil(() => wx.openLocation.mock.calls.length > 0);
    expect(wx.openLocation).toHaveBeenCalledWith(expect.objectContaining({ latitude: 30.8372, longitude: 120.9221, name: '魏塘街道新时代文明实践站' }));
  });

  it('enrols the child and says at once that it is waitlisted, with the position', async () => {
    const button = page.querySelector('.programme-page__enrol');
    expect(button).toBeDefined();
    button?.dispatchEvent('tap');
    await waitUntil(() => (page.dom.textContent ?? '').includes('已进入候补，第 3 位'));
    expect(wx.cloud.callFunction).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'childcare', data: { action: 'enrol', programmeId: 'prog-1', childId: 'kid-1' } }),
    );
  });
});
