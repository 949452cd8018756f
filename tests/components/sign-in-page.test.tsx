import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { currentOpenid } from '../../src/api/identity';
import SignInPage from '../../src/packages/auth/pages/sign-in/index';

describe('demo sign-in page', () => {
  it('signs in as the picked identity and goes to the map tab', () => {
    const switchTab = jest.spyOn(Taro, 'switchTab').mockResolvedValue({ errMsg: 'switchTab:ok' });
    render(<SignInPage />);
    for (const label of ['骑手', '驿站工作人员', '团干部·嘉善县', '团干部·魏塘街道', '管理员']) {
      expect(screen.getByText(label)).toBeTruthy();
    }
    fireEvent.click(screen.getByText('团干部·魏塘街道'));
    expect(currentOpenid()).toBe('demo-town-cadre');
    expect(switchTab).toHaveBeenCalledWith({ url: '/pages/map/index' });
  });
});
