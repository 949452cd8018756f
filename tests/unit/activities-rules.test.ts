import { inWeek, mayCollectMeal, mayReplaceMeal, mealStatus, scanOpen, signupOpen } from '../../cloudfunctions/features/activities/activities-rules';
import { mealsLeft, windowState } from '../../cloudfunctions/capabilities/meals/meal-windows';

const now = new Date('2026-11-18T02:00:00.000Z'); // 10:00 in Shanghai
const DAY = '2026-11-18';
const lunch = { start: '11:00', end: '13:30' };
const sh = (hhmm: string) => new Date(`${DAY}T${hhmm}:00+08:00`);

describe('activities rules', () => {
  it('this week: not ended, starting within seven days', () => {
    expect(inWeek({ start: '2026-11-18T01:00:00.000Z', end: '2026-11-18T03:00:00.000Z' }, now)).toBe(true);
    expect(inWeek({ start: '2026-11-17T01:00:00.000Z', end: '2026-11-17T03:00:00.000Z' }, now)).toBe(false);
    expect(inWeek({ start: '2026-11-25T01:00:00.000Z', end: '2026-11-25T03:00:00.000Z' }, now)).toBe(true);
    expect(inWeek({ start: '2026-11-25T02:00:00.000Z', end: '2026-11-25T03:00:00.000Z' }, now)).toBe(false);
  });

  it('sign-ups close at the start; scans run from an hour before to an hour after', () => {
    const a = { start: '2026-11-18T11:00:00.000Z', end: '2026-11-18T12:30:00.000Z' };
    expect(signupOpen(a, new Date('2026-11-18T10:59:59.000Z'))).toBe(true);
    expect(signupOpen(a, new Date('2026-11-18T11:00:00.000Z'))).toBe(false);
    expect(scanOpen(a, new Date('2026-11-18T09:59:59.000Z'))).toBe(false);
    expect(scanOpen(a, new Date('2026-11-18T10:00:00.000Z'))).toBe(true);
    expect(scanOpen(a, new Date('2026-11-18T13:30:00.000Z'))).toBe(true);
    expect(scanOpen(a, new Date('2026-11-18T13:30:01.000Z'))).toBe(false);
  });

  it('meal windows in Shanghai time; collection from 30 minutes before to the close', () => {
    expect(windowState(DAY, lunch, now)).toBe('upcoming');
    expect(windowState(DAY, lunch, sh('11:00'))).toBe('open');
    expect(windowState(DAY, lunch, sh('13:31'))).toBe('closed');
    expect(mayCollectMeal(DAY, lunch, sh('10:29'))).toBe(false);
    expect(mayCollectMeal(DAY, lunch, sh('10:30'))).toBe(true);
    expect(mayCollectMeal(DAY, lunch, sh('13:30'))).toBe(true);
    expect(mayCollectMeal(DAY, lunch, sh('13:31'))).toBe(false);
  });

  it('meals left: quota minus booked, nothing once the window closed', () => {
    expect(mealsLeft(10, 3, 'open')).toBe(7);
    expect(mealsLeft(10, 12, 'upcoming')).toBe(0);
    expect(mealsLeft(10, 3, 'closed')).toBe(0);
  });

  it('a booking is booked, collected, lapsed or cancelled; only cancelled and lapsed ones may be replaced', () => {
    const b = { status: 'confirmed', day: DAY, ...lunch };
    expect(mealStatus(b, false, sh('12:00'))).toBe('booked');
    expect(mealStatus({ ...b, status: 'requested' }, false, sh('12:00'))).toBe('booked');
    expect(mealStatus(b, true, sh('14:00'))).toBe('collected');
    expect(mealStatus(b, false, sh('14:00'))).toBe('lapsed');
    expect(mealStatus({ ...b, status: 'cancelled' }, false, sh('12:00'))).toBe('cancelled');
    expect(mayReplaceMeal(undefined)).toBe(true);
    expect(mayReplaceMeal('cancelled')).toBe(true);
    expect(mayReplaceMeal('lapsed')).toBe(true);
    expect(mayReplaceMeal('booked')).toBe(false);
    expect(mayReplaceMeal('collected')).toBe(false);
  });
});
