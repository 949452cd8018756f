import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { Current } from '@tarojs/runtime';
import { api } from '../../src/api';
import { ApiError } from '../../src/api/client';
import OrgFormPage from '../../src/packages/admin/pages/org-form/index';
import OrgsPage from '../../src/packages/admin/pages/orgs/index';
import AdminRewardsPage from '../../src/packages/admin/pages/rewards/index';
import { must } from '../support/must';
import { quietTextareaNoise } from './review-fixtures';

jest.mock('../../src/api', () => jest.requireActual('./support/api-mock').apiMock());
const me = jest.mocked(api.account.me);
const tree = jest.mocked(api.orgs.tree);
const create = jest.mocked(api.orgs.create);
const move = jest.mocked(api.orgs.move);
const manageRewards = jest.mocked(api.points.manageRewards);
const restockReward = jest.mocked(api.points.restockReward);

const ORGS = [
  { id: 'd', name: '嘉善县', kind: 'district' as const },
  { id: 'w', name: '魏塘街道', kind: 'town' as const, parentId: 'd' },
  { id: 'h', name: '惠民街道', kind: 'town' as const, parentId: 'd' },
  { id: 'e', name: '东门社区', kind: 'community' as const, parentId: 'w' },
];
const ADMIN = { id: 'u-admin', displayName: '管理员', roles: ['admin' as const] };
const TOWN_CADRE = { id: 'u-cadre', displayName: '李书记', roles: ['cadre' as const], cadreOrgIds: ['w'] };
const RIDER = { id: 'u-rider', displayName: '小李', roles: ['rider' as const] };

function openWith(params: Record<string, string>) {
  Current.router = { params, path: '/packages/admin/pages/org-form/index', $taroPath: 'org-form', onReady: '', onHide: '', onShow: '' };
}

beforeEach(() => {
  for (const m of [me, tree, create, move, manageRewards, restockReward]) m.mockReset();
  me.mockResolvedValue({ user: ADMIN });
  tree.mockResolvedValue({ orgs: ORGS });
  openWith({});
  jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
  jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' });
  jest.spyOn(Taro, 'showToast').mockResolvedValue({ errMsg: 'showToast:ok' });
  quietTextareaNoise();
});

const type = (container: HTMLElement, selector: string, value: string) =>
  fireEvent(must(container.querySelector(selector), selector), new CustomEvent('input', { detail: { value } }));
const pick = (container: HTMLElement, index: number, value: number) =>
  fireEvent(must(container.querySelectorAll('taro-picker-core')[index], `picker ${index}`), new CustomEvent('change', { detail: { value } }));

describe('committee tree page', () => {
  it('lists the committees as an indented tree, each below its parent', async () => {
    const { container } = render(<OrgsPage />);
    await waitFor(() => expect(screen.getByText('东门社区')).toBeTruthy());
    const names = Array.from(container.querySelectorAll('.orgs-row__name')).map((n) => n.textContent);
    expect(names).toEqual(['嘉善县', '惠民街道', '魏塘街道', '东门社区']);
    const indents = Array.from(container.querySelectorAll<HTMLElement>('.orgs-row__head')).map((h) => h.style.paddingLeft);
    expect(indents).toEqual(['0em', '1.2em', '1.2em', '2.4em']);
    expect(screen.getByText('添加顶级团委')).toBeTruthy();
  });

  it('shows an admin every action on a committee and opens the form for it', async () => {
    render(<OrgsPage />);
    fireEvent.click(await screen.findByText('魏塘街道'));
    fireEvent.click(screen.getByText('改名'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/admin/pages/org-form/index?mode=rename&id=w' });
    fireEvent.click(screen.getByText('添加下级'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/pages/org-form/index?mode=create&parentId=w' });
    fireEvent.click(screen.getByText('调整上级'));
    expect(Taro.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/admin/pages/org-form/index?mode=move&id=w' });
  });

  it('lets a cadre add below their own committee, reshape only below it, and nothing outside it', async () => {
    me.mockResolvedValue({ user: TOWN_CADRE });
    render(<OrgsPage />);
    fireEvent.click(await screen.findByText('魏塘街道'));
    expect(screen.getByText('添加下级')).toBeTruthy();
    expect(screen.queryByText('改名')).toBeNull();
    expect(screen.queryByText('添加顶级团委')).toBeNull();
    fireEvent.click(screen.getByText('东门社区'));
    expect(screen.getByText('改名')).toBeTruthy();
    fireEvent.click(screen.getByText('惠民街道'));
    expect(screen.getByText('不在你的管理范围内')).toBeTruthy();
    expect(screen.queryByText('添加下级')).toBeNull();
  });

  it('shows an error with a retry', async () => {
    tree.mockRejectedValueOnce(new ApiError('INTERNAL', '网络不给力，请检查网络后重试'));
    render(<OrgsPage />);
    fireEvent.click(await screen.findByText('重试'));
    expect(await screen.findByText('东门社区')).toBeTruthy();
  });

  it('tells a rider the console is not theirs', async () => {
    me.mockResolvedValue({ user: RIDER });
    render(<OrgsPage />);
    expect(await screen.findByText('只有管理员和团干部可以管理团委')).toBeTruthy();
  });
});

describe('committee form', () => {
  it('refuses an empty name and a missing parent in Chinese, sending nothing', async () => {
    openWith({ mode: 'create' });
    render(<OrgFormPage />);
    fireEvent.click(await screen.findByText('保存'));
    expect(screen.getByText('请填写团委名称（最多 40 个字）')).toBeTruthy();
    expect(screen.getByText('请选择上级团委')).toBeTruthy();
    expect(create).not.toHaveBeenCalled();
  });

  it('adds a town under the committee it was opened for, then goes back', async () => {
    openWith({ mode: 'create', parentId: 'd' });
    create.mockResolvedValue({ org: { id: 'n', name: '罗星街道', kind: 'town', parentId: 'd' } });
    const { container } = render(<OrgFormPage />);
    await screen.findByText('嘉善县', { selector: '.org-form__parent taro-text-core' });
    type(container, '.org-form__name', ' 罗星街道 ');
    fireEvent.click(screen.getByText('保存'));
    await waitFor(() => expect(Taro.navigateBack).toHaveBeenCalled());
    expect(create).toHaveBeenCalledWith({ name: '罗星街道', kind: 'town', parentId: 'd' });
  });

  it('offers no parent inside the committee’s own subtree when moving, and shows a refusal', async () => {
    openWith({ mode: 'move', id: 'w' });
    move.mockRejectedValueOnce(new ApiError('CONFLICT', '团委结构刚刚有变动，请刷新后重试'));
    const { container } = render(<OrgFormPage />);
    await screen.findByText('当前：魏塘街道（镇（街道））');
    const picker = must(container.querySelector('taro-picker-core'), 'parent picker') as HTMLElement & { range: string[] };
    expect(picker.range).toEqual(['（无上级，作为顶级团委）', '嘉善县', '嘉善县 · 惠民街道']);
    pick(container, 0, 2);
    fireEvent.click(screen.getByText('保存'));
    expect(await screen.findByText('团委结构刚刚有变动，请刷新后重试')).toBeTruthy();
    expect(move).toHaveBeenCalledWith({ id: 'w', parentId: 'h' });
    expect(Taro.navigateBack).not.toHaveBeenCalled();
  });
});

describe('rewards page', () => {
  it('restocks with a whole number and shows the new stock', async () => {
    manageRewards.mockResolvedValue({ rewards: [{ id: 'r1', name: '雨衣', cost: 10, stock: 2, retired: false, orgId: 'w' }] });
    restockReward.mockResolvedValue({ reward: { id: 'r1', name: '雨衣', cost: 10, stock: 12, retired: false, orgId: 'w' } });
    const { container } = render(<AdminRewardsPage />);
    expect(await screen.findByText('10 积分 · 库存 2 件 · 魏塘街道')).toBeTruthy();
    fireEvent.click(screen.getByText('补货'));
    type(container, '.rewards-admin__add', '1.5');
    fireEvent.click(screen.getByText('确认补货'));
    expect(screen.getByText('请填写 1–100000 之间的整数')).toBeTruthy();
    type(container, '.rewards-admin__add', '10');
    fireEvent.click(screen.getByText('确认补货'));
    expect(await screen.findByText('10 积分 · 库存 12 件 · 魏塘街道')).toBeTruthy();
    expect(restockReward).toHaveBeenCalledWith({ id: 'r1', add: 10 });
  });

  it('shows an empty state when the caller manages no reward', async () => {
    manageRewards.mockResolvedValue({ rewards: [] });
    render(<AdminRewardsPage />);
    expect(await screen.findByText('还没有你管理的奖品')).toBeTruthy();
  });
});
