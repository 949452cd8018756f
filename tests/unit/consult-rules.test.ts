import {
  caseNumber,
  changeDeadline,
  expandTemplate,
  firstOverlap,
  isCaseCadre,
  mayBookAnother,
  mayChange,
  overlaps,
  shanghaiDayOf,
  slotProblem,
  slotWindow,
  stillUpcoming,
  whenText,
} from '../../cloudfunctions/features/consult/consult-rules';
import { offPeakFirst, slotPreference } from '../../types/consult-labels';

// 10:00 in Shanghai, Wednesday 18 November 2026.
const NOW = new Date('2026-11-18T02:00:00.000Z');
const at = (iso: string) => new Date(iso).toISOString();

describe('slots', () => {
  it('refuses slots that are backwards, too short or long, past, too far ahead or across midnight', () => {
    expect(slotProblem({ start: at('2026-11-18T14:00:00+08:00'), end: at('2026-11-18T14:30:00+08:00') }, NOW)).toBeNull();
    expect(slotProblem({ start: at('2026-11-18T14:00:00+08:00'), end: at('2026-11-18T13:00:00+08:00') }, NOW)).toBe('order');
    expect(slotProblem({ start: at('2026-11-18T14:00:00+08:00'), end: at('2026-11-18T14:10:00+08:00') }, NOW)).toBe('length');
    expect(slotProblem({ start: at('2026-11-18T09:00:00+08:00'), end: at('2026-11-18T09:30:00+08:00') }, NOW)).toBe('past');
    expect(slotProblem({ start: at('2026-11-18T10:00:00+08:00'), end: at('2026-11-18T10:30:00+08:00') }, NOW)).toBe('past');
    expect(slotProblem({ start: at('2027-02-18T10:00:00+08:00'), end: at('2027-02-18T10:30:00+08:00') }, NOW)).toBe('too-far');
    expect(slotProblem({ start: at('2026-11-18T23:45:00+08:00'), end: at('2026-11-19T00:15:00+08:00') }, NOW)).toBe('crosses-day');
    expect(slotProblem({ start: at('2026-11-18T23:30:00+08:00'), end: at('2026-11-19T00:00:00+08:00') }, NOW)).toBeNull();
  });

  it('finds overlaps with existing slots and among new ones; touching ends do not overlap', () => {
    const a = { start: at('2026-11-19T14:00:00+08:00'), end: at('2026-11-19T15:00:00+08:00') };
    const b = { start: at('2026-11-19T15:00:00+08:00'), end: at('2026-11-19T16:00:00+08:00') };
    const c = { start: at('2026-11-19T14:30:00+08:00'), end: at('2026-11-19T15:30:00+08:00') };
    expect(overlaps(a, b)).toBe(false);
    expect(overlaps(a, c)).toBe(true);
    expect(firstOverlap([a], [b])).toBeNull();
    expect(firstOverlap([a], [b, c])).toBe(c);
    expect(firstOverlap([], [b, c])).toBe(c);
  });

  it('expands a week template from today, leaving out slots already started', () => {
    const slots = expandTemplate({ days: [3], from: '09:00', to: '12:00', minutes: 60, weeks: 1, modes: ['phone'] }, NOW);
    // Today is Wednesday: 09:00 and 10:00 have started (10:00 is now), 11:00 remains.
    expect(slots.map((s) => s.start)).toEqual([at('2026-11-18T11:00:00+08:00')]);
    const two = expandTemplate({ days: [2, 4], from: '14:00', to: '17:00', minutes: 30, weeks: 2, modes: ['phone'] }, NOW);
    expect(two).toHaveLength(24);
    expect(new Set(two.map((s) => shanghaiDayOf(s.start)))).toEqual(new Set(['2026-11-19', '2026-11-24', '2026-11-26', '2026-12-01']));
    expect(firstOverlap([], two)).toBeNull();
  });

  it('limits the riders’ window to the next two weeks', () => {
    expect(slotWindow(NOW)).toEqual({ from: NOW.toISOString(), to: at('2026-12-02T10:00:00+08:00') });
    expect(slotWindow(NOW, at('2026-11-01T00:00:00+08:00'), at('2026-11-20T00:00:00+08:00'))).toEqual({
      from: NOW.toISOString(),
      to: at('2026-11-20T00:00:00+08:00'),
    });
    const empty = slotWindow(NOW, at('2027-01-01T00:00:00+08:00'));
    expect(empty.from >= empty.to).toBe(true);
  });
});

describe('bookings', () => {
  it('counts only bookings that have not started, up to three', () => {
    const list = [{ start: at('2026-11-18T09:00:00+08:00') }, { start: at('2026-11-18T11:00:00+08:00') }];
    expect(stillUpcoming(list, NOW)).toEqual([list[1]]);
    expect(mayBookAnother(2)).toBe(true);
    expect(mayBookAnother(3)).toBe(false);
  });

  it('allows changes until an hour before the start', () => {
    const start = at('2026-11-18T11:00:00+08:00');
    expect(changeDeadline(start).toISOString()).toBe(NOW.toISOString());
    expect(mayChange(start, NOW)).toBe(true);
    expect(mayChange(start, new Date(NOW.getTime() + 1))).toBe(false);
  });

  it('puts riders’ off-peak slots first: 14:00–17:00, then evenings, then the rest', () => {
    const slots = [
      '2026-11-19T11:00:00+08:00',
      '2026-11-19T20:30:00+08:00',
      '2026-11-19T16:30:00+08:00',
      '2026-11-19T14:00:00+08:00',
      '2026-11-19T17:00:00+08:00',
    ].map((start) => ({ start }));
    expect(offPeakFirst(slots).map((s) => s.start.slice(11, 16))).toEqual(['14:00', '16:30', '20:30', '11:00', '17:00']);
    expect(slotPreference('2026-11-19T06:30:00.000Z')).toBe(0);
  });
});

describe('cases', () => {
  it('numbers cases per Shanghai day', () => {
    expect(caseNumber('2026-11-18', 7)).toBe('12355-20261118-007');
    expect(whenText(at('2026-11-18T14:05:00+08:00'))).toBe('11月18日 14:05');
  });

  it('lets only cadres whose committees hold the case read it, never an admin by rank', () => {
    const orgs = [{ _id: 'county' }, { _id: 'town', parentId: 'county' }, { _id: 'other' }];
    const person = (roles: ('cadre' | 'admin' | 'rider')[], cadreOrgIds: string[]) => ({ _id: 'u', roles, stationIds: [], cadreOrgIds });
    expect(isCaseCadre(person(['cadre'], ['county']), orgs, 'town')).toBe(true);
    expect(isCaseCadre(person(['cadre'], ['town']), orgs, 'town')).toBe(true);
    expect(isCaseCadre(person(['cadre'], ['other']), orgs, 'town')).toBe(false);
    expect(isCaseCadre(person(['admin'], []), orgs, 'town')).toBe(false);
    expect(isCaseCadre(person(['rider'], ['town']), orgs, 'town')).toBe(false);
  });
});
