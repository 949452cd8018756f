import type { QueueStats, ReviewItem, ReviewItemWithHistory } from '../../types/review';

const HOUR = 3_600_000;

/** A review item due `dueInHours` from now (negative: overdue). */
export function reviewItem(overrides: Partial<ReviewItem> & { id: string }, dueInHours = 24): ReviewItem {
  const overdue = dueInHours < 0;
  return {
    kind: 'station',
    status: 'pending',
    orgId: 'org-jiashan',
    orgName: '嘉善县团委',
    title: `新驿站：驿站 ${overrides.id}`,
    submitterId: 'u-rider',
    submitterName: '小李',
    submittedAt: new Date(Date.now() - 2 * HOUR).toISOString(),
    dueAt: new Date(Date.now() + dueInHours * HOUR).toISOString(),
    overdue,
    payload: { stationId: `s-${overrides.id}`, name: `驿站 ${overrides.id}`, address: '嘉善县魏塘街道体育南路 1 号', services: ['rest', 'water'] },
    ...overrides,
  };
}

export function withHistory(item: ReviewItem, history: ReviewItemWithHistory['history'] = []): ReviewItemWithHistory {
  return {
    ...item,
    history: [{ at: item.submittedAt, byId: item.submitterId, byName: item.submitterName, action: 'submitted' }, ...history],
  };
}

export const STATS: QueueStats = {
  byStatus: { pending: 7, 'needs-info': 2, approved: 11, rejected: 3 },
  byKind: { station: 3, verification: 4, claim: 2 },
  overdue: 2,
  medianDecisionHours: 5.5,
  decidedThisMonth: 8,
};

/**
 * Taro's H5 <Textarea> writes its value into an inner <textarea> that its web component never renders under jsdom,
 * and logs a TypeError for it. Silence exactly that message; every other console.error still shows.
 */
export function quietTextareaNoise(): void {
  const original = console.error;
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    const first = args[0];
    if (first instanceof TypeError && first.message.includes("reading 'value'")) return;
    original(...args);
  });
}
