import {
  CLAIM_CATEGORY,
  CLAIM_POINTS,
  HAZARD_DUPLICATE_RADIUS_M,
  claimCategory,
  claimPoints,
  duplicateDistance,
  possibleDuplicates,
  rankRows,
} from '../../cloudfunctions/features/points/points-rules';
import {
  CHECKIN_DAILY_CAP,
  CHECKIN_POINTS,
  CLOCK_SKEW_SECONDS,
  CODE_REFRESH_BEFORE_SECONDS,
  CODE_TTL_SECONDS,
  checkinCredit,
  codeTimeOutcome,
} from '../../cloudfunctions/capabilities/codes/checkin-rules';

describe('checkinCredit', () => {
  it('credits the first check-in of the day', () => {
    expect(checkinCredit({ creditedToday: 0, creditedAtStationToday: 0 })).toMatchObject({ points: CHECKIN_POINTS, reason: 'credited' });
    expect(CHECKIN_POINTS).toBe(5);
  });

  it('credits one check-in per station per day', () => {
    expect(checkinCredit({ creditedToday: 1, creditedAtStationToday: 1 })).toMatchObject({ points: 0, reason: 'station-daily-cap' });
    expect(checkinCredit({ creditedToday: 1, creditedAtStationToday: 0 })).toMatchObject({ points: CHECKIN_POINTS });
  });

  it('credits three check-ins a day in all', () => {
    expect(CHECKIN_DAILY_CAP).toBe(3);
    expect(checkinCredit({ creditedToday: 2, creditedAtStationToday: 0 }).points).toBe(CHECKIN_POINTS);
    expect(checkinCredit({ creditedToday: 3, creditedAtStationToday: 0 })).toMatchObject({ points: 0, reason: 'daily-cap' });
    expect(checkinCredit({ creditedToday: 7, creditedAtStationToday: 0 }).points).toBe(0);
  });

  it('explains itself in Chinese', () => {
    for (const c of [0, 1, 3]) {
      expect(checkinCredit({ creditedToday: c, creditedAtStationToday: 0 }).note).toMatch(/[\u4e00-\u9fa5]/);
    }
  });
});

describe('code lifetime', () => {
  it('lives at most 60 s including the skew tolerance and refreshes before expiry', () => {
    expect(CODE_TTL_SECONDS + CLOCK_SKEW_SECONDS).toBeLessThanOrEqual(60);
    expect(CODE_REFRESH_BEFORE_SECONDS).toBeGreaterThan(0);
    expect(CODE_REFRESH_BEFORE_SECONDS).toBeLessThan(CODE_TTL_SECONDS);
  });

  it('accepts up to and including the expiry the rider was given, then expires', () => {
    const exp = 1_000_000_000_000;
    expect(codeTimeOutcome(exp, exp - 1000)).toBe('valid');
    expect(codeTimeOutcome(exp, exp)).toBe('valid');
    expect(codeTimeOutcome(exp, exp + 1)).toBe('expired');
  });

  it('refuses an expiry further ahead than any code we issue', () => {
    const now = 1_000_000_000_000;
    expect(codeTimeOutcome(now + CODE_TTL_SECONDS * 1000, now)).toBe('valid');
    expect(codeTimeOutcome(now + (CODE_TTL_SECONDS + CLOCK_SKEW_SECONDS) * 1000, now)).toBe('valid');
    expect(codeTimeOutcome(now + 3_600_000, now)).toBe('too-far-ahead');
  });
});

describe('claims and boards', () => {
  it('gives positive points per claim kind and sorts them onto the three boards', () => {
    for (const kind of ['errand', 'hazard', 'event'] as const) {
      expect(claimPoints(kind)).toBe(CLAIM_POINTS[kind]);
      expect(Number.isInteger(claimPoints(kind)) && claimPoints(kind) > 0).toBe(true);
    }
    expect(claimCategory('hazard')).toBe('hazards');
    expect(claimCategory('errand')).toBe('service');
    expect(claimCategory('event')).toBe('service');
    expect(Object.keys(CLAIM_CATEGORY)).toHaveLength(3);
  });

  it('ranks with ties sharing a rank', () => {
    const rows = rankRows([{ count: 9 }, { count: 7 }, { count: 7 }, { count: 3 }]);
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 2, 4]);
    expect(rankRows([])).toEqual([]);
  });
});

describe('hazard duplicates', () => {
  const at = '2026-11-18T02:00:00.000Z';
  const here = { lat: 30.8419, lng: 120.9268 };
  // ~0.0009 degrees of latitude is ~100 m.
  const near = { lat: 30.8419 + 0.0005, lng: 120.9268 };
  const far = { lat: 30.8419 + 0.002, lng: 120.9268 };
  const report = { id: 'a', at, location: here };

  it('matches reports within 100 m and 24 h, either side', () => {
    expect(duplicateDistance(report, { id: 'b', at, location: near })).toBeLessThanOrEqual(HAZARD_DUPLICATE_RADIUS_M);
    expect(duplicateDistance(report, { id: 'b', at: '2026-11-17T03:00:00.000Z', location: near })).not.toBeNull();
    expect(duplicateDistance(report, { id: 'b', at: '2026-11-19T01:00:00.000Z', location: near })).not.toBeNull();
  });

  it('ignores itself, far reports and old reports', () => {
    expect(duplicateDistance(report, report)).toBeNull();
    expect(duplicateDistance(report, { id: 'b', at, location: far })).toBeNull();
    expect(duplicateDistance(report, { id: 'b', at: '2026-11-17T01:59:59.000Z', location: here })).toBeNull();
  });

  it('lists possible duplicates nearest first', () => {
    const found = possibleDuplicates(report, [
      { id: 'n', at, location: near },
      { id: 'same', at, location: here },
      { id: 'f', at, location: far },
    ]);
    expect(found.map((f) => f.item.id)).toEqual(['same', 'n']);
  });
});
