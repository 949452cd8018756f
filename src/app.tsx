import type { PropsWithChildren } from 'react';
import Taro from '@tarojs/taro';
import './app.css';

if (process.env.TARO_ENV === 'weapp') {
  // wx.cloud.DYNAMIC_CURRENT_ENV (the environment the mini-program is bound to) is missing from Taro's types.
  const cloud = Taro.cloud as typeof Taro.cloud & { DYNAMIC_CURRENT_ENV?: string };
  Taro.cloud.init({ env: RIDER_HUB_CLOUD_ENV || cloud.DYNAMIC_CURRENT_ENV, traceUser: true });
}

function App({ children }: PropsWithChildren) {
  return children;
}

export default App;
