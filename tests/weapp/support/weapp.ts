// Loads Taro's compiled weapp pages from dist/weapp into miniprogram-simulate (official wcc compiler).
// Recipe: App/getApp/getCurrentPages and a Page → Component adapter as globals, a mocked `wx`, then the
// build's runtime.js, vendors.js, taro.js, app.js before any page. Load each page path once per test file.
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const simulate = require('miniprogram-simulate') as {
  load(componentPath: string, options?: Record<string, unknown>): string;
  render(id: string, props?: Record<string, unknown>): SimComponent;
};

export interface SimNode {
  dom: HTMLElement;
  dispatchEvent(name: string, options?: Record<string, unknown>): void;
}
export interface SimComponent extends SimNode {
  attach(parent: Element): void;
  detach(): void;
  querySelector(selector: string): SimNode | undefined;
  querySelectorAll(selector: string): SimNode[];
}

export const DIST = path.resolve(__dirname, '../../../dist/weapp');

type Fn = (...args: unknown[]) => unknown;
type PageOptions = Record<string, unknown>;

const pages: unknown[] = [];
/** The query the next rendered page opens with (what WeChat passes to onLoad). */
let nextQuery: Record<string, string> = {};
let app: Record<string, Fn> | undefined;
let booted = false;

/** An asynchronous wx API answering `success` with the given result (what Taro promisifies). */
export function wxOk(result: Record<string, unknown> = {}) {
  return jest.fn((options: { success?: Fn; complete?: Fn } = {}) => {
    const res = { errMsg: 'ok', ...result };
    setTimeout(() => {
      options.success?.(res);
      options.complete?.(res);
    }, 0);
  });
}

export function wxFail(errMsg = 'fail') {
  return jest.fn((options: { fail?: Fn; complete?: Fn } = {}) => {
    setTimeout(() => {
      options.fail?.({ errMsg });
      options.complete?.({ errMsg });
    }, 0);
  });
}

/** A `wx` with the APIs the pages use; override per test. */
export function createWx(overrides: Record<string, unknown> = {}) {
  const storage = new Map<string, unknown>();
  return {
    getSystemInfoSync: () => ({ platform: 'devtools', windowWidth: 375, windowHeight: 667, pixelRatio: 2, SDKVersion: '3.6.0' }),
    getWindowInfo: () => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2 }),
    getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
    setStorageSync: jest.fn((key: string, value: unknown) => void storage.set(key, value)),
    removeStorageSync: jest.fn((key: string) => void storage.delete(key)),
    getPrivacySetting: wxOk({ needAuthorization: false }),
    requirePrivacyAuthorize: wxOk(),
    getLocation: wxOk({ latitude: 30.841, longitude: 120.926 }),
    navigateTo: wxOk(),
    switchTab: wxOk(),
    showToast: wxOk(),
    showModal: wxOk({ confirm: true }),
    stopPullDownRefresh: wxOk(),
    setNavigationBarTitle: wxOk(),
    openLocation: wxOk(),
    nextTick: (fn: () => void) => setTimeout(fn, 0),
    cloud: { init: jest.fn(), DYNAMIC_CURRENT_ENV: Symbol('current env'), callFunction: jest.fn() },
    ...overrides,
  };
}

function pageToComponent(page: PageOptions) {
  const methods: Record<string, unknown> = {};
  for (const key of Object.keys(page)) {
    const descriptor = Object.getOwnPropertyDescriptor(page, key);
    if (descriptor && typeof descriptor.value === 'function') methods[key] = descriptor.value;
  }
  return {
    data: (page.data as Record<string, unknown> | undefined) ?? {},
    methods,
    lifetimes: {
      attached(this: Record<string, Fn> & { route?: string }) {
        pages.push(this);
        this.onLoad?.call(this, nextQuery);
        this.onShow?.call(this);
      },
      ready(this: Record<string, Fn>) {
        this.onReady?.call(this);
      },
      detached(this: Record<string, Fn>) {
        this.onHide?.call(this);
        this.onUnload?.call(this);
        pages.splice(pages.indexOf(this), 1);
      },
    },
  };
}

/** Defines the mini-program globals and runs the build's app.js once per test file. */
export function bootApp(wx: ReturnType<typeof createWx>) {
  const g = globalThis as Record<string, unknown>;
  g.wx = wx;
  if (booted) return;
  booted = true;
  g.App = (options: Record<string, Fn>) => {
    app = options;
  };
  g.getApp = () => app;
  g.getCurrentPages = () => pages;
  g.Page = (options: PageOptions) => (g.Component as Fn)(pageToComponent(options));
  for (const chunk of ['runtime.js', 'vendors.js', 'taro.js', 'common.js', 'app.js']) {
    // The build output is plain CommonJS run for its side effects, in this order.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require(path.join(DIST, chunk));
  }
  if (!app) throw new Error('app.js did not call App()');
  app.onLaunch?.call(app, { path: 'pages/map/index', query: {}, scene: 1001 });
  app.onShow?.call(app, { path: 'pages/map/index', query: {}, scene: 1001 });
}

const loaded = new Map<string, string>();

/** Loads a compiled page once per test file (compiling it is the slow part); renders may repeat. */
function loadPage(route: string): string {
  let id = loaded.get(route);
  if (!id) {
    id = simulate.load(path.join(DIST, route), { rootPath: DIST, compiler: 'official' });
    loaded.set(route, id);
  }
  return id;
}

/** Renders a compiled page (e.g. 'pages/map/index') attached to a fresh parent, opened with `query`. */
export function renderPage(route: string, query: Record<string, string> = {}): SimComponent {
  const id = loadPage(route);
  nextQuery = query;
  const page = simulate.render(id);
  page.attach(document.createElement('parent-wrapper'));
  return page;
}

/** Waits until the check passes (Taro's first render is asynchronous): no fixed sleeps. */
export async function waitUntil(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting for the page to render');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
