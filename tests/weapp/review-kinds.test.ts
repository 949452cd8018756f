import { REVIEW_KIND_LABELS, REVIEW_KIND_NAMES, type ReviewKindName } from '../../types/review-labels';
import { bootApp, createWx, renderPage, waitUntil, type SimComponent } from './support/weapp';

// The 办事 tab and the item page of the compiled build, for a cadre: every kind the server files is named as itself
// in the queue, in its filter (with its count) and on its detail, never 「其他申请」.
jest.setTimeout(60000);

const HOUR = 3_600_000;
const item = (kind: ReviewKindName) => ({
  id: `rv-${kind}`,
  kind,
  status: 'pending',
  orgId: 'org-weitang',
  orgName: '魏塘街道团工委',
  title: `标题-${kind}`,
  submitterId: 'u-rider',
  submitterName: '小李',
  submittedAt: new Date(Date.now() - 2 * HOUR).toISOString(),
  dueAt: new Date(Date.now() + 20 * HOUR).toISOString(),
  overdue: false,
  payload: {},
});
const byKind = Object.fromEntries(REVIEW_KIND_NAMES.map((k, i) => [k, i + 1]));

const wx = createWx();
type Call = { name: string; data: { action: string } & Record<string, unknown> };
const answers: Record<string, (data: Call['data']) => unknown> = {
  'account.me': () => ({ user: { id: 'u-cadre', displayName: '王书记', roles: ['cadre'], cadreOrgIds: ['org-weitang'] } }),
  'review.stats': () => ({
    stats: { byStatus: { pending: 55, 'needs-info': 0, approved: 0, rejected: 0 }, byKind, overdue: 0, medianDecisionHours: null, decidedThisMonth: 0 },
  }),
  'review.queue': (data) => ({ items: (data.kind ? [data.kind as ReviewKindName] : REVIEW_KIND_NAMES).map(item) }),
  'review.get': (data) => {
    const kind = String(data.id).slice('rv-'.length) as ReviewKindName;
    return { item: { ...item(kind), history: [{ at: new Date().toISOString(), byId: 'u-rider', byName: '小李', action: 'submitted' }] } };
  },
};
wx.cloud.callFunction.mockImplementation(async ({ name, data }: Call) => {
  const answer = answers[`${name}.${data.action}`];
  return { result: answer ? { ok: true, data: answer(data) } : { ok: false, error: { code: 'NOT_FOUND', message: '找不到' } } };
});
bootApp(wx);

const text = (page: SimComponent) => page.dom.textContent ?? '';
const texts = (page: SimComponent, selector: string) => page.querySelectorAll(selector).map((n) => (n.dom.textContent ?? '').trim());
const queueCalls = () => wx.cloud.callFunction.mock.calls.map(([c]) => c as Call).filter((c) => c.name === 'review' && c.data.action === 'queue');

describe('weapp build: every review kind in the cadre queue (办事)', () => {
  let page: SimComponent;

  beforeAll(async () => {
    page = renderPage('pages/review/index');
    await waitUntil(() => page.querySelectorAll('.review-row').length === REVIEW_KIND_NAMES.length && text(page).includes('待处理：'));
  });

  it('names each kind in its row, and none as 其他申请', () => {
    expect(texts(page, '.review-row .review-kind')).toEqual(REVIEW_KIND_NAMES.map((k) => REVIEW_KIND_LABELS[k]));
    expect(text(page)).not.toContain('其他申请');
  });

  it('offers a filter chip per kind, named and counted, and counts every kind in the summary line', () => {
    const chips = texts(page, '.review-chip');
    for (const k of REVIEW_KIND_NAMES) expect(chips).toContain(`${REVIEW_KIND_LABELS[k]} ${byKind[k]}`);
    for (const k of REVIEW_KIND_NAMES) expect(text(page)).toContain(`${REVIEW_KIND_LABELS[k]} ${byKind[k]}`);
  });

  it.each(REVIEW_KIND_NAMES.map((k) => [REVIEW_KIND_LABELS[k], k] as const))('filters to %s by its chip', async (label, kind) => {
    const chip = page.querySelectorAll('.review-chip').find((n) => (n.dom.textContent ?? '').trim().startsWith(`${label} `));
    chip?.dispatchEvent('tap');
    await waitUntil(() => queueCalls().at(-1)?.data.kind === kind && texts(page, '.review-row .review-kind').join() === label);
    expect(texts(page, '.review-chip--on')).toContain(`${label} ${byKind[kind]}`);
  });
});

describe('weapp build: every review kind on its detail page', () => {
  it.each(REVIEW_KIND_NAMES.map((k) => [REVIEW_KIND_LABELS[k], k] as const))('%s', async (label, kind) => {
    const page = renderPage('packages/review/pages/detail/index', { id: `rv-${kind}` });
    await waitUntil(() => text(page).includes(`标题-${kind}`));
    expect(texts(page, '.review-kind')).toEqual([label]);
    expect(text(page)).not.toContain('其他申请');
    page.detach();
  });
});
