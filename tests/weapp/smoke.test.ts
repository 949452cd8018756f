import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Envelope } from '../../types';
import { openSqliteDocStore } from '../../cloudfunctions/adapters/sqlite/docstore.sqlite';
import { newId } from '../../cloudfunctions/core/crypto';
import type { Deps } from '../../cloudfunctions/core/runtime';
import type { DocStore } from '../../cloudfunctions/core/store/docstore.port';
import { COLLECTIONS, FUNCTIONS } from '../../cloudfunctions/functions';
import { seedDemoActivity } from '../../server/seed/activity';
import { DEMO_TODAY_PROGRAMME } from '../../server/seed/childcare-demo';
import { seedDemo } from '../../server/seed/seed';
import { bootApp, createWx, DIST, renderPage, type SimComponent } from './support/weapp';

// Every page of the compiled weapp, as each demo role, with wx.cloud.callFunction answered by the real handlers on a
// seeded store: each page must show its Chinese content without an exception or an INTERNAL answer, and where it has
// a main action (its primary button), one tap on it must not break either.
jest.setTimeout(600_000);

const ADMIN = 'local-admin';
const ROLES = ['demo-rider', 'demo-rider-2', 'demo-staff', 'demo-volunteer', 'demo-cadre', 'demo-town-cadre', 'demo-counsellor', ADMIN];

const app = JSON.parse(readFileSync(path.join(DIST, 'app.json'), 'utf8')) as { pages: string[]; subPackages: { root: string; pages: string[] }[] };
const PAGES = [...app.pages, ...app.subPackages.flatMap((p) => p.pages.map((page) => `${p.root}/${page}`))];

// The embedded store (SQLite), as local mode runs it: this project's jsdom cannot load the CloudBase stand-in's ESM.
const dataDir = mkdtempSync(path.join(tmpdir(), 'rider-hub-weapp-smoke-'));
let store: DocStore;
let deps: Deps;
let caller = ROLES[0]!;
let pending = 0;
const internal: string[] = [];
const errors: string[] = [];
const storage = new Map<string, unknown>();
/** Query ids that only the seeded store knows, filled in beforeAll. */
const ids: Record<string, string> = {};

const async =
  () =>
  (options: { success?: (r: unknown) => void; complete?: (r: unknown) => void } = {}) => {
    const res = { errMsg: 'ok', confirm: true, cancel: false, value: 1, tempFilePaths: [], result: '', fileID: '' };
    setTimeout(() => {
      options.success?.(res);
      options.complete?.(res);
    }, 0);
  };

const base = createWx({
  getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
  setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
  removeStorageSync: (key: string) => void storage.delete(key),
  getLocation: (o: { success?: (r: unknown) => void; complete?: (r: unknown) => void }) =>
    setTimeout(() => {
      const res = { errMsg: 'getLocation:ok', latitude: 30.841, longitude: 120.926 };
      o.success?.(res);
      o.complete?.(res);
    }, 0),
  createSelectorQuery: () => {
    const query = {
      select: () => query,
      selectAll: () => query,
      fields: () => query,
      boundingClientRect: () => query,
      exec: (cb?: (r: unknown[]) => void) => cb?.([null]),
    };
    return query;
  },
  cloud: {
    init: () => undefined,
    DYNAMIC_CURRENT_ENV: Symbol('current env'),
    async callFunction({ name, data }: { name: string; data: Record<string, unknown> }) {
      pending++;
      try {
        const router = FUNCTIONS[name];
        const result: Envelope<unknown> = router
          ? await router.handle(data, { openid: caller }, deps)
          : { ok: false, error: { code: 'INVALID_INPUT', message: '未知的云函数' } };
        if (!result.ok && result.error.code === 'INTERNAL') internal.push(`${caller} ${name}.${String(data.action)}: ${result.error.message}`);
        return { result };
      } finally {
        pending--;
      }
    },
  },
});
// Any wx API a page calls that the stand-in does not name answers success (brightness, clipboard, subscribe, …).
const NOT_APIS = new Set(['webpackJsonp', 'then', 'toJSON']);
const wx = new Proxy(base as Record<string | symbol, unknown>, {
  get: (target, key) => (key in target || typeof key !== 'string' || NOT_APIS.has(key) ? target[key] : async()),
});
bootApp(wx as ReturnType<typeof createWx>);

/**
 * Waits until no call has been in flight for a while (a page may first ask WeChat for the location or storage) and
 * the page shows more than its loading line.
 */
async function settle(page?: SimComponent, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  let quiet = 0;
  while (quiet < 5 || (page && /^加载中…$/.test(text(page)))) {
    if (Date.now() - started > timeoutMs) throw new Error(`still waiting on ${pending} calls`);
    await new Promise((resolve) => setTimeout(resolve, 10));
    quiet = pending === 0 ? quiet + 1 : 0;
  }
}

const CHINESE = /[\u4e00-\u9fa5]/;
const text = (page: SimComponent) => (page.dom.textContent ?? '').replace(/\s+/g, ' ').trim();

/** The query a page opens with: what its links pass. */
function queryOf(route: string): Record<string, string> {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const byRoute: Record<string, Record<string, string>> = {
    'packages/station/pages/detail/index': { id: 'st-weitang-hq' },
    'packages/station/pages/console/index': { id: 'st-weitang-hq' },
    'packages/review/pages/detail/index': { id: 'rv-demo-hazard' },
    'packages/childcare/pages/programme/index': { id: DEMO_TODAY_PROGRAMME },
    'packages/childcare/pages/roster/index': { programmeId: DEMO_TODAY_PROGRAMME, date: today },
    'packages/checkin/pages/scan/index': { stationId: 'st-weitang-hq' },
    'packages/consult/pages/book/index': { category: 'law' },
    'packages/consult/pages/case/index': { id: ids.case ?? 'none' },
    'packages/voice/pages/round/index': { id: ids.round ?? 'none' },
    'packages/admin/pages/station-form/index': { id: 'st-weitang-hq' },
  };
  return byRoute[route] ?? {};
}

beforeAll(async () => {
  store = openSqliteDocStore({ path: path.join(dataDir, 'store.db') });
  await store.ensureCollections(COLLECTIONS);
  deps = { store, secrets: { tokenKey: randomBytes(32), fieldKey: randomBytes(32) }, now: () => new Date(), newId, adminOpenid: ADMIN };
  await seedDemo(deps);
  await seedDemoActivity(deps);
  const rounds = await FUNCTIONS.voice!.handle({ action: 'rounds' }, { openid: 'demo-rider' }, deps);
  const round = rounds.ok ? (rounds.data as { rounds: { id: string }[] }).rounds[0] : undefined;
  if (round) ids.round = round.id;
  const consoleError = console.error;
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    errors.push(args.map(String).join(' ').slice(0, 300));
    consoleError(...args);
  });
});
afterAll(async () => {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe.each(ROLES)('the weapp build as %s', (role) => {
  beforeAll(() => {
    caller = role;
    storage.clear();
  });

  it.each(PAGES)('renders %s and takes a tap on its main action', async (route) => {
    internal.length = 0;
    errors.length = 0;
    const page = renderPage(route, queryOf(route));
    try {
      await settle(page);
      const shown = text(page);
      expect({ route, chinese: CHINESE.test(shown), loading: /^加载中…$/.test(shown) }).toEqual({ route, chinese: true, loading: false });
      const action = page.querySelector('.primary-button');
      if (action) {
        action.dispatchEvent('tap');
        await settle(page);
        expect(CHINESE.test(text(page))).toBe(true);
      }
      expect({ route, internal, errors }).toEqual({ route, internal: [], errors: [] });
    } finally {
      page.detach();
      await settle();
    }
  });
});
