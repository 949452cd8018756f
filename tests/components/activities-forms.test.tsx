import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { Activity, Campaign } from '../../types/activities';
import { api } from '../../src/api';
import { ApiError } from '../../src/api/client';
import CreateCampaignPage from '../../src/packages/activities/pages/campaign/index';
import CreateActivityPage from '../../src/packages/activities/pages/create/index';
import { must } from '../support/must';
import { station } from './fixtures';
import { quietTextareaNoise } from './review-fixtures';

jest.mock('../../src/api', () => jest.requireActual('./support/api-mock').apiMock());
const me = jest.mocked(api.account.me);
const tree = jest.mocked(api.orgs.tree);
const listStations = jest.mocked(api.stations.list);
const getStation = jest.mocked(api.stations.get);
const create = jest.mocked(api.activities.create);
const createCampaign = jest.mocked(api.activities.createCampaign);

const ORGS = [
  { id: 'd', name: '嘉善县', kind: 'district' as const },
  { id: 'w', name: '魏塘街道', kind: 'town' as const, parentId: 'd' },
  { id: 'e', name: '东门社区', kind: 'community' as const, parentId: 'w' },
  { id: 'h', name: '惠民街道', kind: 'town' as const, parentId: 'd' },
];
const TOWN_CADRE = { id: 'u-cadre', displayName: '李书记', roles: ['rider' as const, 'cadre' as const], cadreOrgIds: ['w'] };
const STAFF = { id: 'u-staff', displayName: '站长', roles: ['rider' as const, 'staff' as const], stationIds: ['s-east'] };
const EAST = station({ id: 's-east', name: '东门驿站', orgId: 'e', address: '东门路 1 号', location: { lat: 30.85, lng: 120.92 } });
const WEST = station({ id: 's-west', name: '西塘驿站', orgId: 'w', address: '西塘路 2 号' });

beforeEach(() => {
  for (const m of [me, tree, listStations, getStation, create, createCampaign]) m.mockReset();
  tree.mockResolvedValue({ orgs: ORGS });
  listStations.mockResolvedValue({ stations: [EAST, WEST] });
  jest.spyOn(Taro, 'redirectTo').mockResolvedValue({ errMsg: 'redirectTo:ok' });
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' });
  quietTextareaNoise();
});

const type = (container: HTMLElement, selector: string, value: string) =>
  fireEvent(must(container.querySelector(selector), selector), new CustomEvent('input', { detail: { value } }));
/** The system picker whose field has `selector`, set to `value`. */
const pick = (container: HTMLElement, selector: string, value: number | string) =>
  fireEvent(must(container.querySelector(selector)?.closest('taro-picker-core'), selector), new CustomEvent('change', { detail: { value } }));
const tomorrow = () => new Date(Date.now() + 8 * 3_600_000 + 86_400_000).toISOString().slice(0, 10);

describe('publishing an activity', () => {
  it('a cadre: says in Chinese what is missing and sends nothing, then publishes for a committee in scope at a station', async () => {
    me.mockResolvedValue({ user: TOWN_CADRE });
    create.mockResolvedValue({ activity: { id: 'a1' } as Activity });
    const { container } = render(<CreateActivityPage />);
    expect(screen.getByText('加载中…')).toBeTruthy();
    const org = await waitFor(() => must(container.querySelector('.activity-create__org')?.closest('taro-picker-core'), 'committee picker'));
    // Only the cadre's subtree, with paths.
    expect((org as HTMLElement & { range: string[] }).range).toEqual(['嘉善县 · 魏塘街道', '嘉善县 · 魏塘街道 · 东门社区']);

    fireEvent.click(screen.getByText('发布活动'));
    expect(await screen.findByText('请填写活动名称（2–40 个字）')).toBeTruthy();
    expect(screen.getByText('请选择发布活动的团委')).toBeTruthy();
    expect(screen.getByText('请选择活动地点')).toBeTruthy();
    expect(create).not.toHaveBeenCalled();

    fireEvent.click(screen.getByText('公益观影'));
    type(container, '.activity-create__title', '公益观影：长津湖');
    pick(container, '.activity-create__org', 1);
    pick(container, '.activity-create__place', 0);
    pick(container, '.activity-create__end', '18:00');
    fireEvent.click(screen.getByText('发布活动'));
    expect(await screen.findByText('结束时间应晚于开始时间')).toBeTruthy();
    pick(container, '.activity-create__end', '21:30');
    type(container, '.activity-create__capacity', '0');
    fireEvent.click(screen.getByText('发布活动'));
    expect(await screen.findByText('请填写名额（1–500 的整数）')).toBeTruthy();
    expect(create).not.toHaveBeenCalled();

    type(container, '.activity-create__capacity', '80');
    type(container, '.activity-create__points', '10');
    fireEvent.click(screen.getByText('证书'));
    fireEvent.click(screen.getByText('发布活动'));
    await waitFor(() => expect(create).toHaveBeenCalledTimes(1));
    const day = tomorrow();
    expect(create).toHaveBeenCalledWith({
      title: '公益观影：长津湖',
      kind: 'film',
      orgId: 'e',
      venue: { name: '东门驿站', address: '东门路 1 号', location: { lat: 30.85, lng: 120.92 }, stationId: 's-east' },
      start: `${day}T19:00:00+08:00`,
      end: `${day}T21:30:00+08:00`,
      capacity: 80,
      gives: { points: 10, certificate: true, pack: false },
    });
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/activities/pages/scan/index' }));
  });

  it('staff: only their own station, for its committee; a refusal is shown and the form stays', async () => {
    me.mockResolvedValue({ user: STAFF });
    getStation.mockResolvedValue({ station: EAST });
    create.mockRejectedValueOnce(new ApiError('FORBIDDEN', '只能为本团委（及下级）或本驿站发布活动'));
    const { container } = render(<CreateActivityPage />);
    const place = await waitFor(() => must(container.querySelector('.activity-create__place')?.closest('taro-picker-core'), 'place picker'));
    expect((place as HTMLElement & { range: string[] }).range).toEqual(['东门驿站']);
    expect(container.querySelector('.activity-create__org')).toBeNull();
    type(container, '.activity-create__title', '城市跑男');
    pick(container, '.activity-create__place', 0);
    fireEvent.click(screen.getByText('发布活动'));
    expect(await screen.findByText('只能为本团委（及下级）或本驿站发布活动')).toBeTruthy();
    expect(create.mock.calls[0]![0]).toMatchObject({ orgId: 'e', kind: 'class', venue: { stationId: 's-east' } });
    expect(Taro.redirectTo).not.toHaveBeenCalled();
  });

  it('a rider who organises nothing is told so; a failed load offers a retry', async () => {
    me.mockRejectedValueOnce(new ApiError('INTERNAL', '服务开小差了，请稍后再试'));
    me.mockResolvedValue({ user: { id: 'u', displayName: '小李', roles: ['rider'] } });
    render(<CreateActivityPage />);
    fireEvent.click(await screen.findByText('重试'));
    expect(await screen.findByText('只有团干部和驿站工作人员可以发布活动')).toBeTruthy();
  });
});

describe('publishing a care-pack campaign', () => {
  it('lists the committee’s stations for pack counts and publishes one per verified rider', async () => {
    me.mockResolvedValue({ user: { ...TOWN_CADRE, cadreOrgIds: ['e'] } });
    listStations.mockResolvedValue({ stations: [EAST] });
    createCampaign.mockResolvedValue({ campaign: { id: 'c1' } as Campaign });
    const { container } = render(<CreateCampaignPage />);
    // One committee in scope: chosen already, and its stations listed.
    await screen.findByText('东门驿站');
    expect(listStations).toHaveBeenCalledWith({ orgId: 'e', limit: 100 });

    fireEvent.click(screen.getByText('发布关爱礼包'));
    expect(await screen.findByText('请至少为一个驿站填写礼包数量')).toBeTruthy();
    expect(screen.getByText('请填写活动名称（2–40 个字）')).toBeTruthy();
    type(container, '.campaign-create__title', '夏送清凉 2026');
    fireEvent.click(screen.getByText('夏送清凉'));
    type(container, '.act-campaign-station__stock', '20000');
    fireEvent.click(screen.getByText('发布关爱礼包'));
    expect(await screen.findByText('礼包数量应为 1–10000 的整数')).toBeTruthy();
    type(container, '.act-campaign-station__stock', '120');
    expect(screen.getByText('各驿站的礼包数量（共 120 份）')).toBeTruthy();
    fireEvent.click(screen.getByText('发布关爱礼包'));
    await waitFor(() =>
      expect(createCampaign).toHaveBeenCalledWith({
        title: '夏送清凉 2026',
        kind: 'summer',
        orgId: 'e',
        verifiedOnly: true,
        stations: [{ stationId: 's-east', stock: 120 }],
      }),
    );
  });

  it('staff who are not cadres cannot publish campaigns', async () => {
    me.mockResolvedValue({ user: STAFF });
    render(<CreateCampaignPage />);
    expect(await screen.findByText('只有团干部可以发布关爱礼包')).toBeTruthy();
    expect(tree).not.toHaveBeenCalled();
  });
});
