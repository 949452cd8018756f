import { isOverdue, mayDecide, medianHours } from '../../cloudfunctions/capabilities/review/review.service';

describe('medianHours', () => {
  it('is null when nothing was decided', () => {
    expect(medianHours([])).toBeNull();
  });

  it('takes the middle of an odd count, whatever the order', () => {
    expect(medianHours([5])).toBe(5);
    expect(medianHours([12, 2, 6])).toBe(6);
    expect(medianHours([100, 1, 2, 3, 4])).toBe(3);
  });

  it('averages the two middle values of an even count', () => {
    expect(medianHours([2, 12])).toBe(7);
    expect(medianHours([1, 2, 3, 4])).toBe(2.5);
  });

  it('rounds to one decimal and ignores values that are not numbers', () => {
    expect(medianHours([1.9999999, 2.0000001, 2.04])).toBe(2);
    expect(medianHours([1 / 3])).toBe(0.3);
    expect(medianHours([Number.NaN, 4, Number.POSITIVE_INFINITY])).toBe(4);
  });

  it('does not reorder its input', () => {
    const hours = [3, 1, 2];
    medianHours(hours);
    expect(hours).toEqual([3, 1, 2]);
  });
});

describe('isOverdue', () => {
  const now = new Date('2026-11-18T02:00:00.000Z');
  it('is true only for open items past their due time', () => {
    expect(isOverdue({ status: 'pending', dueAt: '2026-11-18T01:59:59.999Z' }, now)).toBe(true);
    expect(isOverdue({ status: 'needs-info', dueAt: '2026-11-17T00:00:00.000Z' }, now)).toBe(true);
    expect(isOverdue({ status: 'pending', dueAt: '2026-11-18T02:00:00.000Z' }, now)).toBe(false);
    expect(isOverdue({ status: 'approved', dueAt: '2026-11-01T00:00:00.000Z' }, now)).toBe(false);
    expect(isOverdue({ status: 'rejected', dueAt: '2026-11-01T00:00:00.000Z' }, now)).toBe(false);
  });
});

describe('mayDecide', () => {
  it('allows every decision on a pending item and none on a final one', () => {
    for (const d of ['approve', 'reject', 'needs-info'] as const) {
      expect(mayDecide('pending', d)).toBe(true);
      expect(mayDecide('approved', d)).toBe(false);
      expect(mayDecide('rejected', d)).toBe(false);
    }
  });

  it('lets a waiting item be approved or rejected, but not asked again', () => {
    expect(mayDecide('needs-info', 'approve')).toBe(true);
    expect(mayDecide('needs-info', 'reject')).toBe(true);
    expect(mayDecide('needs-info', 'needs-info')).toBe(false);
  });
});
