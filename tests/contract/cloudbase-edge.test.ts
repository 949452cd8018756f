/**
 * The CloudBase edge: the caller is the OPENID of the invocation's own context, never one left in the process
 * environment by an earlier call on a warm instance; the store it boots talks to the database through the SDK.
 */
import { randomBytes } from 'node:crypto';
import { cloudMain, readSecrets } from '../../cloudfunctions/adapters/cloudbase/entry';
import type { Router } from '../../cloudfunctions/core/runtime';
import { defineCollection, type Doc } from '../../cloudfunctions/core/store/docstore.port';
import { startCloudbaseStandin, type Standin } from '../support/cloudbase-standin';

const visits = defineCollection<Doc & { openid: string }>({ name: 'visits', indexes: [] });

/** Answers the caller it was given, after the runtime's first rule (no caller, no call) and one write. */
const echo: Router = {
  name: 'account',
  async handle(_event, caller, deps) {
    if (!caller.openid) return { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } };
    await deps.store.ensureCollections([visits]);
    await deps.store.insert(visits, { _id: deps.newId(), openid: caller.openid });
    return { ok: true, data: caller };
  },
};

/** An invocation context as the platform passes it (`environment` is a JSON string). */
function context(environment: Record<string, string>) {
  return {
    memory_limit_in_mb: 256,
    time_limit_in_ms: 3000,
    request_id: 'req-1',
    function_version: '$LATEST',
    function_name: 'account',
    namespace: 'standin',
    environment: JSON.stringify(environment),
  };
}

let standin: Standin;
const main = cloudMain(echo);

beforeAll(async () => {
  standin = await startCloudbaseStandin();
  Object.assign(process.env, standin.env, {
    RIDER_HUB_TOKEN_KEY: randomBytes(32).toString('base64'),
    RIDER_HUB_FIELD_KEY: randomBytes(32).toString('base64'),
    // What a warm instance may hold from an earlier WeChat call: the SDK falls back to these keys.
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID',
    WX_OPENID: 'stale-openid',
    WX_APPID: 'wx-app',
  });
});

afterAll(() => standin.stop());

test('the caller is the OPENID of the invocation context, not the one in the process environment', async () => {
  expect(await main({ action: 'any' }, context({ WX_OPENID: 'fresh-openid', WX_APPID: 'wx-app' }))).toEqual({
    ok: true,
    data: { openid: 'fresh-openid' },
  });
  expect(standin.stats('standin').requests['database.insertDocument']).toBe(1);
});

test('the older `environ` form of the context is read too', async () => {
  expect(await main({}, { ...context({}), environment: undefined, environ: 'WX_OPENID=environ-openid;WX_APPID=wx-app' })).toEqual({
    ok: true,
    data: { openid: 'environ-openid' },
  });
});

test.each([
  ['a context without an OPENID', context({ WX_APPID: 'wx-app' })],
  ['an empty OPENID', context({ WX_OPENID: '' })],
  ['no context', undefined],
  ['a context the SDK cannot read', { environment: '{not json' }],
])('%s is no caller at all', async (_name, ctx) => {
  expect(await main({ action: 'any' }, ctx)).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } });
});

describe('subscribe messages', () => {
  /** Pushes one message of a kind for its caller, as a service does after it commits. */
  const pusher: Router = {
    name: 'review',
    async handle(event, caller, deps) {
      const kind = (event as { kind: 'reviewDecided' | 'consultReminder' }).kind;
      await deps.push?.(caller.openid ?? '', kind, { title: '申请已通过，这是一个很长很长很长很长的标题', body: '正文', link: '/pages/me/index' });
      return { ok: true, data: null };
    },
  };
  const pushMain = cloudMain(pusher);

  it('go with the template of their kind, and a kind without a template is skipped quietly', async () => {
    process.env.RIDER_HUB_TEMPLATE_REVIEW_DECIDED = 'tmpl-review:thing2,thing7';
    delete process.env.RIDER_HUB_TEMPLATE_CONSULT_REMINDER;
    const before = standin.wxCalls('standin').length;
    expect(await pushMain({ kind: 'consultReminder' }, context({ WX_OPENID: 'o-rider' }))).toEqual({ ok: true, data: null });
    expect(standin.wxCalls('standin')).toHaveLength(before);
    expect(await pushMain({ kind: 'reviewDecided' }, context({ WX_OPENID: 'o-rider' }))).toEqual({ ok: true, data: null });
    expect(standin.wxCalls('standin').slice(before)).toEqual([
      {
        apiName: 'cgi-bin/message/subscribe/send',
        requestData: {
          touser: 'o-rider',
          template_id: 'tmpl-review',
          page: '/pages/me/index',
          miniprogram_state: 'formal',
          data: { thing2: { value: '申请已通过，这是一个很长很长很长很长的…' }, thing7: { value: '正文' } },
        },
      },
    ]);
  });
});

test('secrets must be 32 bytes each', () => {
  expect(() => readSecrets({ RIDER_HUB_TOKEN_KEY: randomBytes(16).toString('base64') })).toThrow('RIDER_HUB_TOKEN_KEY');
  expect(readSecrets(process.env).fieldKey).toHaveLength(32);
});
