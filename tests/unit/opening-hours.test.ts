import { isOpenAt } from '../../cloudfunctions/features/stations/opening-hours';

const ALL = [1, 2, 3, 4, 5, 6, 7];
/** A Shanghai wall-clock time as an instant. */
const sh = (local: string) => new Date(`${local}+08:00`);

describe('isOpenAt (Asia/Shanghai)', () => {
  it('is always open without hours', () => {
    expect(isOpenAt(undefined, sh('2026-11-18T03:00:00'))).toBe(true);
    expect(isOpenAt([], sh('2026-11-18T03:00:00'))).toBe(true);
  });

  it('opens at open and closes at close', () => {
    const hours = [{ days: ALL, open: '08:00', close: '20:00' }];
    expect(isOpenAt(hours, sh('2026-11-18T07:59:00'))).toBe(false);
    expect(isOpenAt(hours, sh('2026-11-18T08:00:00'))).toBe(true);
    expect(isOpenAt(hours, sh('2026-11-18T19:59:00'))).toBe(true);
    expect(isOpenAt(hours, sh('2026-11-18T20:00:00'))).toBe(false);
  });

  it('reads the clock in Shanghai, not UTC', () => {
    const hours = [{ days: ALL, open: '08:00', close: '20:00' }];
    // 01:00 UTC is 09:00 in Shanghai: open; 13:00 UTC is 21:00: closed.
    expect(isOpenAt(hours, new Date('2026-11-18T01:00:00Z'))).toBe(true);
    expect(isOpenAt(hours, new Date('2026-11-18T13:00:00Z'))).toBe(false);
  });

  it('uses the Shanghai weekday (1 = Monday … 7 = Sunday)', () => {
    const weekdays = [{ days: [1, 2, 3, 4, 5], open: '09:00', close: '18:00' }];
    expect(isOpenAt(weekdays, sh('2026-11-20T10:00:00'))).toBe(true); // Friday
    expect(isOpenAt(weekdays, sh('2026-11-21T10:00:00'))).toBe(false); // Saturday
    // Sunday 23:30 UTC is Monday 07:30 in Shanghai; Monday 02:00 UTC is Monday 10:00.
    expect(isOpenAt(weekdays, new Date('2026-11-23T02:00:00Z'))).toBe(true);
    const sundays = [{ days: [7], open: '00:00', close: '24:00' }];
    expect(isOpenAt(sundays, new Date('2026-11-22T17:00:00Z'))).toBe(false); // Monday 01:00 in Shanghai
    expect(isOpenAt(sundays, new Date('2026-11-22T15:00:00Z'))).toBe(true); // Sunday 23:00
  });

  it('runs overnight hours past midnight into the next day', () => {
    const nights = [{ days: [5], open: '20:00', close: '08:00' }]; // Friday night
    expect(isOpenAt(nights, sh('2026-11-20T19:59:00'))).toBe(false);
    expect(isOpenAt(nights, sh('2026-11-20T23:30:00'))).toBe(true);
    expect(isOpenAt(nights, sh('2026-11-21T07:59:00'))).toBe(true); // Saturday morning belongs to Friday
    expect(isOpenAt(nights, sh('2026-11-21T08:00:00'))).toBe(false);
    expect(isOpenAt(nights, sh('2026-11-20T07:00:00'))).toBe(false); // Friday morning belongs to Thursday
  });

  it('treats 24:00 as the end of the day and equal open/close as all day', () => {
    expect(isOpenAt([{ days: ALL, open: '07:00', close: '24:00' }], sh('2026-11-18T23:59:00'))).toBe(true);
    expect(isOpenAt([{ days: ALL, open: '07:00', close: '24:00' }], sh('2026-11-18T00:30:00'))).toBe(false);
    expect(isOpenAt([{ days: [3], open: '00:00', close: '00:00' }], sh('2026-11-18T12:00:00'))).toBe(true);
  });

  it('wraps Sunday overnight into Monday morning', () => {
    const sundayNight = [{ days: [7], open: '22:00', close: '06:00' }];
    expect(isOpenAt(sundayNight, sh('2026-11-23T05:00:00'))).toBe(true); // Monday 05:00
    expect(isOpenAt(sundayNight, sh('2026-11-24T05:00:00'))).toBe(false); // Tuesday 05:00
  });
});
