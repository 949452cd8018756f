import { useEffect, type PropsWithChildren } from 'react';
import Taro from '@tarojs/taro';
import './app.css';

if (process.env.TARO_ENV === 'weapp') {
  // wx.cloud.DYNAMIC_CURRENT_ENV (the environment the mini-program is bound to) is missing from Taro's types.
  const cloud = Taro.cloud as typeof Taro.cloud & { DYNAMIC_CURRENT_ENV?: string };
  Taro.cloud.init({ env: RIDER_HUB_CLOUD_ENV || cloud.DYNAMIC_CURRENT_ENV, traceUser: true });
}

const NAVIGATION_CONTROLS: [className: string, label: string][] = [
  ['taro-navigation-bar-back', '返回'],
  ['taro-navigation-bar-home', '首页'],
];

/**
 * Taro's H5 navigation bar shows 返回 on a sub-page (首页 when there is no page to go back to) as a bare icon in a
 * div: give each control its word, a button role and the keyboard. Taro attaches the taps itself.
 */
function labelNavigationControls() {
  const bar = document.getElementById('taro-navigation-bar');
  if (!bar) return;
  for (const [className, label] of NAVIGATION_CONTROLS) {
    const control = bar.getElementsByClassName(className)[0];
    if (!(control instanceof HTMLElement) || control.getAttribute('role') === 'button') continue;
    control.setAttribute('role', 'button');
    control.tabIndex = 0;
    control.querySelector('svg')?.setAttribute('aria-hidden', 'true');
    const word = document.createElement('span');
    word.textContent = label;
    control.appendChild(word);
    control.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      control.click();
    });
  }
}

/**
 * H5: a page whose code cannot be fetched (the local server is down) would fail without a word; say so. Webpack
 * fetches a failed chunk again on the next try, so tapping again works once the server is back.
 */
function reportPagesThatCannotOpen() {
  window.addEventListener('unhandledrejection', (e: PromiseRejectionEvent) => {
    const reason: unknown = e.reason;
    const text = reason instanceof Error ? `${reason.name} ${reason.message}` : String(reason);
    if (!/ChunkLoadError|Loading (CSS )?chunk/.test(text)) return;
    e.preventDefault();
    void Taro.showModal({ title: '页面没有打开', content: '网络不给力，请检查网络后再点一次', showCancel: false, confirmText: '知道了' });
  });
}

/** Scroll containers whose content is views (taps, no tab stops): pages, and sideways strips such as a day picker. */
const SCROLLERS = '.taro_page:not([tabindex]), taro-scroll-view-core.taro-scroll-view__scroll-x:not([tabindex])';

/** H5: a keyboard could not scroll those containers; make each focusable as it arrives. */
function focusablePages() {
  const router = document.querySelector('.taro_router');
  if (!router) return;
  const mark = () => router.querySelectorAll(SCROLLERS).forEach((scroller) => scroller.setAttribute('tabindex', '0'));
  mark();
  new MutationObserver(mark).observe(router, { childList: true, subtree: true });
}

function App({ children }: PropsWithChildren) {
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5') return;
    labelNavigationControls();
    focusablePages();
    reportPagesThatCannotOpen();
  }, []);
  return children;
}

export default App;
