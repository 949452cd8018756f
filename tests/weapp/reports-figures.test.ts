import { bootApp, createWx, renderPage, waitUntil, wxOk, type SimComponent } from './support/weapp';

jest.setTimeout(30000);

const zero = { law: 0, psych: 0, labour: 0, workplace: 0, family: 0, love: 0, insurance: 0 };
const REPORT = {
  org: { id: 'org-jiashan', name: '嘉善县团委' },
  from: '2026-11-01',
  to: '2026-11-30',
  visits: 12345,
  uniqueRiders: 678,
  pointsIssued: 4500,
  claimsApproved: 12,
  consultations: 3,
  consultationsByCategory: { ...zero, law: 3 },
  casesOpened: 1,
  casesClosed: 0,
  childcareSessions: 4,
  childHours: 36,
  volunteerHours: 10.5,
  byStation: [{ stationId: 's1', name: '魏塘驿站', orgId: 'org-weitang', visits: 9000, uniqueRiders: 500 }],
  trend: [{ month: '2026-11', visits: 12345, pointsIssued: 4500, consultations: 3, casesOpened: 1, childHours: 36, volunteerHours: 10.5 }],
  children: [
    {
      orgId: 'org-weitang',
      name: '魏塘街道团工委',
      hasChildren: false,
      visits: 9000,
      uniqueRiders: 500,
      pointsIssued: 0,
      claimsApproved: 0,
      consultations: 0,
      consultationsByCategory: zero,
      casesOpened: 0,
      casesClosed: 0,
      childcareSessions: 0,
      childHours: 0,
      volunteerHours: 0,
    },
  ],
};
const LINK = 'https://tcb.example/reports/org-jiashan.csv?sign=1';

const setClipboardData = wxOk();
const wx = createWx({ setClipboardData });
type Call = { name: string; data: { action: string } & Record<string, unknown> };
const answers: Record<string, (data: Call['data']) => unknown> = {
  'account.me': () => ({ user: { id: 'u-c', displayName: '县团委干部', roles: ['rider', 'cadre'], cadreOrgIds: ['org-jiashan'] } }),
  'reports.summary': () => REPORT,
  'reports.export': () => ({ fileName: '骑士驿站数据-嘉善县团委-2026-11-01至2026-11-30.csv', url: LINK }),
};
wx.cloud.callFunction.mockImplementation(async ({ name, data }: Call) => {
  const answer = answers[`${name}.${data.action}`];
  return { result: answer ? { ok: true, data: answer(data) } : { ok: false, error: { code: 'INVALID_INPUT', message: '未知操作' } } };
});
bootApp(wx);

describe('weapp build: 数据 figures page', () => {
  let page: SimComponent;
  const text = () => page.dom.textContent ?? '';

  beforeAll(async () => {
    page = renderPage('packages/reports/pages/figures/index');
    await waitUntil(() => text().includes('12,345'));
  });

  it('shows the committee’s figures for the month, each saying what it counts, and the top stations', () => {
    expect(text()).toContain('嘉善县团委');
    expect(text()).toContain('驿站服务人次（人次）');
    expect(text()).toContain('时段内到过这些驿站的不同骑手人数');
    expect(text()).toContain('10.5');
    expect(text()).toContain('魏塘驿站');
    expect(text()).toContain('9,000 人次 · 500 人');
    expect(page.querySelectorAll('.reports-figure')).toHaveLength(10);
    expect(wx.cloud.callFunction).toHaveBeenCalledWith(
      expect.objectContaining({ name: 'reports', data: expect.objectContaining({ action: 'summary', orgId: 'org-jiashan' }) }),
    );
  });

  it('exports to cloud storage and copies the temporary link', async () => {
    page.querySelector('.reports-export')?.dispatchEvent('tap');
    await waitUntil(() => setClipboardData.mock.calls.length > 0);
    expect(setClipboardData).toHaveBeenCalledWith(expect.objectContaining({ data: LINK }));
    await waitUntil(() => wx.showModal.mock.calls.length > 0);
    expect(wx.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '表格已生成' }));
  });
});
