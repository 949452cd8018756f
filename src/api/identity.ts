import Taro from '@tarojs/taro';

const KEY = 'rider-hub:openid';

/** Local mode only: the demo identity picked on the sign-in page. In WeChat the platform supplies the OPENID. */
export function currentOpenid(): string | null {
  const value: unknown = Taro.getStorageSync(KEY);
  return typeof value === 'string' && value ? value : null;
}

export function signInAs(openid: string): void {
  Taro.setStorageSync(KEY, openid);
}

export function signOut(): void {
  Taro.removeStorageSync(KEY);
}
