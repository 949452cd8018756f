import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { Current } from '@tarojs/runtime';
import type { ReportSummary } from '../../types/reports';
import { api } from '../../src/api';
import { ApiError } from '../../src/api/client';
import FiguresPage from '../../src/packages/reports/pages/figures/index';
import RegistryPage from '../../src/packages/reports/pages/registry/index';
import { periodOf, periodText, shanghaiToday } from '../../src/packages/reports/period';

jest.mock('../../src/api', () => jest.requireActual('./support/api-mock').apiMock());
const me = jest.mocked(api.account.me);
const tree = jest.mocked(api.orgs.tree);
const reportSummary = jest.mocked(api.reports.summary);
const exportReport = jest.mocked(api.reports.export);
const registry = jest.mocked(api.reports.registry);

const zeroFigures = {
  visits: 0,
  uniqueRiders: 0,
  pointsIssued: 0,
  claimsApproved: 0,
  consultations: 0,
  consultationsByCategory: { law: 0, psych: 0, labour: 0, workplace: 0, family: 0, love: 0, insurance: 0 },
  casesOpened: 0,
  casesClosed: 0,
  childcareSessions: 0,
  childHours: 0,
  volunteerHours: 0,
};

const REPORT: ReportSummary = {
  ...zeroFigures,
  org: { id: 'd', name: '嘉善县团委' },
  from: '2026-09-01',
  to: '2026-11-30',
  visits: 12_345,
  uniqueRiders: 678,
  pointsIssued: 4_500,
  consultations: 3,
  consultationsByCategory: { ...zeroFigures.consultationsByCategory, law: 2, psych: 1 },
  byStation: [
    { stationId: 's1', name: '魏塘驿站', orgId: 'w', visits: 9_000, uniqueRiders: 500 },
    { stationId: 's2', name: '罗星驿站', orgId: 'l', visits: 3_345, uniqueRiders: 200 },
  ],
  trend: [
    { month: '2026-09', visits: 2_000, pointsIssued: 800, consultations: 1, casesOpened: 0, childHours: 0, volunteerHours: 0 },
    { month: '2026-10', visits: 4_000, pointsIssued: 1_600, consultations: 1, casesOpened: 0, childHours: 0, volunteerHours: 0 },
    { month: '2026-11', visits: 6_345, pointsIssued: 2_100, consultations: 1, casesOpened: 0, childHours: 0, volunteerHours: 0 },
  ],
  children: [{ ...zeroFigures, orgId: 'w', name: '魏塘街道团工委', hasChildren: true, visits: 9_000, uniqueRiders: 500 }],
};

function openWith(params: Record<string, string>) {
  Current.router = { params, path: '/packages/reports/pages/figures/index', $taroPath: 'figures', onReady: '', onHide: '', onShow: '' };
}

beforeEach(() => {
  for (const m of [me, tree, reportSummary, exportReport, registry]) m.mockReset();
  me.mockResolvedValue({ user: { id: 'u-c', displayName: '李书记', roles: ['rider', 'cadre'], cadreOrgIds: ['d'] } });
  tree.mockResolvedValue({ orgs: [{ id: 'd', name: '嘉善县团委', kind: 'district' }] });
  openWith({});
  jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' });
});

describe('periods', () => {
  it('are whole calendar months, quarters and years in Shanghai', () => {
    expect(shanghaiToday(new Date('2026-11-30T16:30:00Z'))).toBe('2026-12-01');
    expect(periodOf('month', '2026-02-10')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(periodOf('lastMonth', '2026-01-10')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(periodOf('quarter', '2026-11-18')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(periodOf('year', '2026-11-18')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(periodText({ from: '2026-11-01', to: '2026-11-30' })).toBe('2026年11月');
    expect(periodText({ from: '2026-11-02', to: '2026-11-30' })).toBe('2026-11-02 至 2026-11-30');
  });
});

describe('数据', () => {
  it('opens on the cadre’s committee for this month, with each figure and what it counts', async () => {
    reportSummary.mockResolvedValue(REPORT);
    render(<FiguresPage />);
    expect(await screen.findByText('12,345')).toBeTruthy();
    expect(reportSummary).toHaveBeenCalledWith({ orgId: 'd', ...periodOf('month', shanghaiToday()) });
    expect(screen.getByText('驿站服务人次（人次）')).toBeTruthy();
    expect(screen.getByText('时段内到过这些驿站的不同骑手人数，同一骑手只算一次')).toBeTruthy();
    expect(screen.getByText('每月服务人次')).toBeTruthy();
    expect(document.querySelectorAll('.reports-trend .reports-bar')).toHaveLength(6);
    const fill = document.querySelector<HTMLElement>('.reports-trend .reports-bar__fill');
    expect(fill?.style.width).toBe(`${(2000 / 6345) * 100}%`);
    expect(screen.getByText('9,000 人次 · 500 人')).toBeTruthy();
    fireEvent.click(screen.getByText('魏塘街道团工委'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/reports/pages/figures/index?orgId=w&from=2026-09-01&to=2026-11-30' });
  });

  it('asks again for another period, and drills in with the period it was given', async () => {
    openWith({ orgId: 'w', from: '2026-09-01', to: '2026-11-30' });
    reportSummary.mockResolvedValue({ ...REPORT, org: { id: 'w', name: '魏塘街道团工委' }, children: [] });
    render(<FiguresPage />);
    await screen.findByText('魏塘街道团工委');
    expect(reportSummary).toHaveBeenLastCalledWith({ orgId: 'w', from: '2026-09-01', to: '2026-11-30' });
    expect(me).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText('今年'));
    const year = periodOf('year', shanghaiToday());
    await waitFor(() => expect(reportSummary).toHaveBeenLastCalledWith({ orgId: 'w', ...year }));
  });

  it('says so when the period is empty, and offers a retry on failure', async () => {
    reportSummary.mockResolvedValueOnce({ ...REPORT, ...zeroFigures, byStation: [], trend: [], children: [] });
    render(<FiguresPage />);
    expect(await screen.findByText('这个时段还没有服务记录')).toBeTruthy();
    expect(screen.getByText('这个时段没有驿站签到')).toBeTruthy();
    reportSummary.mockRejectedValueOnce(new ApiError('FORBIDDEN', '只能查看本团委及下级团委的数据'));
    fireEvent.click(screen.getByText('上月'));
    expect(await screen.findByText('只能查看本团委及下级团委的数据')).toBeTruthy();
    // Trying again cannot give permission: no 重试.
    expect(screen.queryByText('重试')).toBeNull();
    reportSummary.mockRejectedValueOnce(new ApiError('INTERNAL', '网络不给力，请检查网络后重试'));
    fireEvent.click(screen.getByText('今年'));
    expect(await screen.findByText('网络不给力，请检查网络后重试')).toBeTruthy();
    reportSummary.mockResolvedValueOnce(REPORT);
    fireEvent.click(screen.getByText('重试'));
    expect(await screen.findByText('12,345')).toBeTruthy();
  });

  it('exports the period as a CSV file in the browser', async () => {
    reportSummary.mockResolvedValue(REPORT);
    exportReport.mockResolvedValue({ fileName: '骑士驿站数据.csv', csv: '\uFEFF骑士驿站数据报表\r\n' });
    const createObjectURL = jest.fn(() => 'blob:report');
    Object.assign(URL, { createObjectURL });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    render(<FiguresPage />);
    fireEvent.click(await screen.findByText('导出表格（CSV）'));
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(exportReport).toHaveBeenCalledWith({ orgId: 'd', from: '2026-09-01', to: '2026-11-30' });
    expect(createObjectURL).toHaveBeenCalledWith(expect.any(Blob));
  });
});

describe('摸清底数', () => {
  it('shows the registry’s figures and the riders per platform', async () => {
    openWith({ orgId: 'd' });
    registry.mockResolvedValue({
      org: { id: 'd', name: '嘉善县团委' },
      riders: 120,
      verified: 80,
      under35: 70,
      byPlatform: { 美团: 60, 饿了么: 40 },
      noPlatform: 20,
      leagueMembers: 15,
      birthYearKnown: 90,
    });
    render(<RegistryPage />);
    expect(await screen.findByText('120')).toBeTruthy();
    expect(registry).toHaveBeenCalledWith({ orgId: 'd' });
    expect(screen.getByText('35 岁及以下')).toBeTruthy();
    expect(screen.getByText('美团')).toBeTruthy();
    expect(screen.getByText('未填写')).toBeTruthy();
    expect(screen.getByText('填写了出生年份的 90 人，其中 35 岁及以下 70 人。')).toBeTruthy();
  });
});
