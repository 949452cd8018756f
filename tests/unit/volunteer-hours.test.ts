import { creditedHours } from '../../cloudfunctions/features/volunteers/volunteers-rules';
import { expiresSoon } from '../../cloudfunctions/capabilities/programmes/session-volunteers';

const session = { start: new Date('2026-11-21T09:00:00+08:00'), end: new Date('2026-11-21T11:00:00+08:00') };
const t = (hhmm: string) => new Date(`2026-11-21T${hhmm}:00+08:00`);

describe('creditedHours: ≥ 60 % of the session, in half hours, never beyond the session', () => {
  it.each([
    ['the whole session', '09:00', '11:00', 2],
    ['exactly 60 % (72 of 120 minutes)', '09:00', '10:12', 1],
    ['one minute short of 60 %', '09:00', '10:11', 0],
    ['80 minutes, rounded down to whole half hours', '09:00', '10:20', 1],
    ['90 minutes', '09:30', '11:00', 1.5],
    ['arriving early and leaving late counts only the session', '07:00', '13:00', 2],
    ['early arrival before a short stay', '08:00', '09:30', 0],
    ['leaving before the session starts', '08:00', '08:59', 0],
    ['clocked out before clocked in', '10:00', '09:00', 0],
    ['arriving after the session', '11:30', '12:30', 0],
  ])('%s', (_what, from, to, hours) => {
    expect(creditedHours(session, t(from), t(to))).toBe(hours);
  });

  it('a 45-minute session credits half an hour at most', () => {
    const short = { start: t('09:00'), end: t('09:45') };
    expect(creditedHours(short, t('09:00'), t('09:45'))).toBe(0.5);
    expect(creditedHours(short, t('09:00'), t('09:27'))).toBe(0);
  });

  it('a session 60 % of which is under half an hour credits nothing even when attended', () => {
    const tiny = { start: t('09:00'), end: t('09:20') };
    expect(creditedHours(tiny, t('09:00'), t('09:20'))).toBe(0);
  });

  it('an empty session credits nothing', () => {
    expect(creditedHours({ start: t('09:00'), end: t('09:00') }, t('08:00'), t('10:00'))).toBe(0);
  });
});

describe('expiresSoon', () => {
  it('flags certificates expiring within 30 days and expired ones', () => {
    expect(expiresSoon('2026-12-18', '2026-11-18')).toBe(true);
    expect(expiresSoon('2026-12-19', '2026-11-18')).toBe(false);
    expect(expiresSoon('2026-01-01', '2026-11-18')).toBe(true);
  });
});
