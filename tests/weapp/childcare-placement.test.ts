import { bootApp, createWx, renderPage, waitUntil, wxOk, type SimComponent } from './support/weapp';

jest.setTimeout(30000);

/** A programme of the 魏塘 committee, opened by a cadre of the county committee above it. */
const PROGRAMME = {
  id: 'prog-1',
  title: '寒假骑士班·魏塘',
  orgId: 'org-weitang',
  site: { name: '魏塘街道新时代文明实践站', address: '嘉善县魏塘街道谈公南路 58 号', location: { lat: 30.8372, lng: 120.9221 } },
  ageMin: 6,
  ageMax: 12,
  capacity: 30,
  confirmed: 3,
  seatsLeft: 27,
  waitlisted: 0,
  signupOpens: '2026-11-17T08:00:00.000+08:00',
  signupCloses: '2026-11-20T20:00:00.000+08:00',
  signupState: 'open',
  requiresReview: false,
  volunteersPerSession: 4,
  sessions: [{ date: '2026-11-21', start: '09:00', end: '11:00', course: '国际象棋' }],
  courses: ['国际象棋'],
  firstDate: '2026-11-21',
  lastDate: '2026-11-21',
};

const wx = createWx({ showModal: wxOk({ confirm: true, cancel: false }) });
type Call = { name: string; data: { action: string } & Record<string, unknown> };
const answers: Record<string, (data: Call['data']) => unknown> = {
  'account.me': () => ({ user: { id: 'u-cadre', displayName: '周书记', roles: ['rider', 'cadre'], cadreOrgIds: ['org-jiashan'] } }),
  'orgs.tree': () => ({
    orgs: [
      { id: 'org-jiashan', name: '共青团嘉善县委', kind: 'district' },
      { id: 'org-weitang', name: '魏塘街道团工委', kind: 'town', parentId: 'org-jiashan' },
    ],
  }),
  'childcare.programme': () => ({ programme: PROGRAMME }),
  'childcare.children': () => ({ children: [] }),
  'volunteers.place': (data) => ({ placed: !data.remove, programmeId: data.programmeId, volunteer: { id: data.volunteerId, name: '孙志愿' } }),
};
wx.cloud.callFunction.mockImplementation(async ({ name, data }: Call) => {
  const answer = answers[`${name}.${data.action}`];
  return { result: answer ? { ok: true, data: answer(data) } : { ok: false, error: { code: 'INVALID_INPUT', message: '未知操作' } } };
});
bootApp(wx);

const placeCalls = () => wx.cloud.callFunction.mock.calls.map(([call]) => call as Call).filter((c) => c.name === 'volunteers' && c.data.action === 'place');
const text = (page: SimComponent) => page.dom.textContent ?? '';

describe('weapp build: a cadre places a volunteer of another committee on a programme', () => {
  let page: SimComponent;

  beforeAll(async () => {
    page = renderPage('packages/childcare/pages/programme/index', { id: 'prog-1' });
    await waitUntil(() => text(page).includes('安排其他团委的志愿者'));
  });

  it('offers the placement to the cadre, with the session’s volunteer capacity', () => {
    expect(text(page)).toContain('每场最多 4 人');
  });

  it('places by the user number typed, then lists the volunteer by name', async () => {
    page.querySelector('.placement__number')?.dispatchEvent('input', { detail: { value: 'u-vol-sun' } });
    page.querySelector('.placement__place')?.dispatchEvent('tap');
    await waitUntil(() => text(page).includes('已安排 孙志愿'));
    expect(placeCalls().map((c) => c.data)).toEqual([{ action: 'place', programmeId: 'prog-1', volunteerId: 'u-vol-sun', remove: false }]);
    expect(text(page)).toContain('编号 u-vol-sun');
  });

  it('removes the volunteer after the confirmation, whose cancel button says 再想想', async () => {
    page.querySelector('.placement__remove')?.dispatchEvent('tap');
    await waitUntil(() => text(page).includes('已移出 孙志愿'));
    expect(wx.showModal).toHaveBeenCalledWith(expect.objectContaining({ cancelText: '再想想', confirmText: '移出' }));
    expect(placeCalls().at(-1)?.data).toEqual({ action: 'place', programmeId: 'prog-1', volunteerId: 'u-vol-sun', remove: true });
    expect(text(page)).not.toContain('编号 u-vol-sun');
  });
});
