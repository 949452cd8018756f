import { inShanghai, monthRange, shanghaiDay, toShanghaiIso } from '../../cloudfunctions/core/time';

describe('Shanghai time helpers', () => {
  it('toShanghaiIso answers what the timezone database answers, across days, months and years', () => {
    for (const at of ['2026-11-18T02:00:00.000Z', '2026-12-31T16:00:00.000Z', '2026-02-28T23:59:59.999Z', '2028-02-28T16:30:00.123Z']) {
      expect(toShanghaiIso(at)).toBe(inShanghai(at).format('YYYY-MM-DDTHH:mm:ss.SSSZ'));
    }
    expect(toShanghaiIso(new Date('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01T00:00:00.000+08:00');
  });

  it('counts days and months on the Shanghai calendar', () => {
    expect(shanghaiDay('2026-11-18T15:59:59Z')).toBe('2026-11-18');
    expect(shanghaiDay('2026-11-18T16:00:00Z')).toBe('2026-11-19');
    expect(monthRange('2026-12')).toEqual({ from: '2026-11-30T16:00:00.000Z', to: '2026-12-31T16:00:00.000Z' });
  });
});
