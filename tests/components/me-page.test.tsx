import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { api } from '../../src/api';
import { ApiError } from '../../src/api/client';
import { signInAs } from '../../src/api/identity';
import MePage from '../../src/pages/me/index';

jest.mock('../../src/api', () => jest.requireActual('./support/api-mock').apiMock());
const me = jest.mocked(api.account.me);
const tree = jest.mocked(api.orgs.tree);

const ORGS = [
  { id: 'd', name: '嘉善县', kind: 'district' as const },
  { id: 't', name: '魏塘街道', kind: 'town' as const, parentId: 'd' },
];

beforeEach(() => {
  me.mockReset();
  tree.mockReset();
  tree.mockResolvedValue({ orgs: ORGS });
  jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' });
  signInAs('demo-staff');
});

describe('me page', () => {
  it('shows the name, roles in Chinese and the home committee with its path', async () => {
    me.mockResolvedValue({ user: { id: 'u1', displayName: '小王', roles: ['rider', 'staff'], orgId: 't' } });
    render(<MePage />);
    await waitFor(() => expect(screen.getByText('小王')).toBeTruthy());
    expect(screen.getByText('骑手')).toBeTruthy();
    expect(screen.getByText('驿站工作人员')).toBeTruthy();
    expect(screen.getByText('嘉善县 · 魏塘街道', { selector: '.me-page__value' })).toBeTruthy();
    expect(screen.getByText('更换所属团委')).toBeTruthy();
    fireEvent.click(screen.getByText('切换身份'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/packages/auth/pages/sign-in/index' });
  });

  it("shows a verified rider's badge and the month's stars named for them", async () => {
    me.mockResolvedValue({
      user: { id: 'u2', displayName: '李小哥', roles: ['rider'], verified: true, stars: [{ month: '2026-11', category: '业务之星' }] },
    });
    render(<MePage />);
    await waitFor(() => expect(screen.getByText('李小哥')).toBeTruthy());
    expect(screen.getByText('已认证')).toBeTruthy();
    expect(screen.getByText('★ 2026 年 11 月业务之星')).toBeTruthy();
  });

  it('shows an error with a retry', async () => {
    me.mockRejectedValueOnce(new ApiError('INTERNAL', '服务开小差了，请稍后再试'));
    me.mockResolvedValueOnce({ user: { id: 'u1', displayName: '小王', roles: ['rider'] } });
    render(<MePage />);
    await waitFor(() => expect(screen.getByText('服务开小差了，请稍后再试')).toBeTruthy());
    fireEvent.click(screen.getByText('重试'));
    await waitFor(() => expect(screen.getByText('尚未选择')).toBeTruthy());
    expect(screen.getByText('选择所属团委')).toBeTruthy();
  });
});
