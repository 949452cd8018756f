import Taro from '@tarojs/taro';
import { PAGES } from '../../../types/pages';
import { StateView } from '../state-view';

/** Local mode, nobody chosen yet (or the sign-in page was left without choosing): say so and offer the choice. */
export function SignInGate() {
  return (
    <StateView kind='empty' message='请先选择一个演示身份' action={{ label: '选择身份', onTap: () => void Taro.navigateTo({ url: PAGES.auth.signIn }) }} />
  );
}
