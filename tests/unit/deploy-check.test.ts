import type { SelfCheckReport } from '../../cloudfunctions/adapters/cloudbase/self-check';
import { formatVerdicts, routerVerdict, schedulerVerdict, selfCheckVerdicts } from '../../scripts/deploy-check';

const answered = (value: unknown) => ({ InvokeResult: 0, RetMsg: JSON.stringify(value) });
const NOW = new Date('2026-12-07T08:00:00Z');

const healthy: SelfCheckReport = {
  contextVariables: ['SCF_NAMESPACE', 'TCB_CONTEXT_KEYS', 'TRIGGER_SRC'],
  openidInContext: false,
  users: 3,
  schedulerLastTick: '2026-12-07T07:57:00.000Z',
  transaction: { committed: true },
  conflict: { code: '503', message: '503 Service Unavailable', readAs: 'conflict' },
  duplicate: { code: 'DATABASE_REQUEST_FAILED', message: 'E11000 duplicate key error', readAs: 'duplicate' },
  near: [{ collection: 'stations', field: 'location', ok: true }],
  roundTripMs: { p50: 14, p95: 31, samples: 20 },
  push: { errcode: 40003, errmsg: 'invalid openid' },
  cleanedUp: true,
};

describe('what --check prints', () => {
  it('when all is well', () => {
    const verdicts = [
      routerVerdict('account', answered({ ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录' } })),
      schedulerVerdict(answered({ ok: false, error: { code: 'FORBIDDEN', message: '只有定时触发器可以运行这个函数' } })),
      ...selfCheckVerdicts(healthy, NOW),
    ];
    const { text, ok } = formatVerdicts('env-1', verdicts);
    expect(ok).toBe(true);
    expect(text).toBe(
      [
        'checking env-1',
        '  ✓ account: starts with its keys, and takes no caller from the event (UNAUTHENTICATED)',
        '  ✓ scheduler: refuses an invocation that is not its timer trigger (FORBIDDEN)',
        "  ✓ identity: a management invocation's context carries SCF_NAMESPACE, TCB_CONTEXT_KEYS, TRIGGER_SRC, and no OPENID",
        "  ✓ identity: 3 users created by mini-program calls, each from the OPENID in its call's context",
        '  ✓ scheduler: its timer last ran it 3 min ago',
        '  ✓ transaction: one committed and read back',
        '  ✓ write conflict: comes back as 503, which the adapter retries',
        '  ✓ duplicate _id in a transaction: comes back as DATABASE_REQUEST_FAILED, which the adapter reads as taken',
        '  ✓ near: stations.location answers a $nearSphere query',
        '  ✓ database round trip: p50 14 ms, p95 31 ms over 20 reads',
        '  ✓ push: subscribeMessage.send is permitted (WeChat answered 40003 to a message for nobody)',
        '  ✓ cleaned up: the check left nothing behind',
        'all 12 checks passed in env-1',
        '',
      ].join('\n'),
    );
  });

  it('when it is not: each failure with what to do', () => {
    const verdicts = [
      routerVerdict('account', { InvokeResult: 1, ErrMsg: 'RIDER_HUB_TOKEN_KEY must be set to 32 random bytes in base64' }),
      routerVerdict('orgs', answered({ ok: true, data: { user: 'forged-by-check' } })),
      schedulerVerdict(answered({ ok: true, data: { reminded: 0 } })),
      ...selfCheckVerdicts(
        {
          ...healthy,
          conflict: { code: null, message: '', readAs: 'none' },
          duplicate: { code: 'DATABASE_WRITE_FAILED', message: 'duplicate', readAs: 'other' },
          near: [{ collection: 'stations', field: 'location', ok: false, error: 'unable to find index for $geoNear query' }],
          push: { errcode: -604101, errmsg: 'function has no permission to call this API' },
          schedulerLastTick: null,
        },
        NOW,
      ),
    ];
    const { text, ok } = formatVerdicts('env-1', verdicts);
    expect(ok).toBe(false);
    expect(text).toContain("  ✗ account: the invocation failed: RIDER_HUB_TOKEN_KEY must be set to 32 random bytes in base64\n      → read the function's log");
    expect(text).toContain('  ✗ orgs: a call naming a caller only in its event answered');
    expect(text).toContain('  ✗ scheduler: an invocation without the timer event answered {"ok":true');
    expect(text).toContain(
      '  ✗ write conflict: two transactions wrote one document and neither was refused\n      → add this form to cloudfunctions/adapters/cloudbase/db-errors.ts',
    );
    expect(text).toContain('  ✗ duplicate _id in a transaction: came back as DATABASE_WRITE_FAILED (duplicate)');
    expect(text).toContain('  ✗ near: stations.location refused (unable to find index for $geoNear query)\n      → run npm run deploy again');
    expect(text).toContain('  ✗ push: subscribeMessage.send has no permission here (-604101)\n      → the config.json permission did not take');
    expect(text).toContain('  ✗ scheduler: its timer has never run it\n      → its timer trigger has not run it');
    expect(text).toMatch(/\n8 of 13 checks failed in env-1\n$/);
  });

  it('a push that cannot reach WeChat at all is a failure, not a permission', () => {
    const [push] = selfCheckVerdicts({ ...healthy, push: { errcode: null, errmsg: 'wx appid not found' } }, NOW).filter((v) => v.what.startsWith('push'));
    expect(push).toMatchObject({ ok: false, what: 'push: WeChat could not be called (wx appid not found)' });
  });

  it('a timer silent for more than two of its ticks is a failure', () => {
    const [late] = selfCheckVerdicts({ ...healthy, schedulerLastTick: '2026-12-07T07:40:00.000Z' }, NOW).filter((v) => v.what.startsWith('scheduler'));
    expect(late).toMatchObject({ ok: false, what: 'scheduler: its timer last ran it 20 min ago' });
  });
});
