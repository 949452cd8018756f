import { ageFits, ageOn, aroundSession, courseMenu, mayMarkAttendance, rosterView, signupState } from '../../cloudfunctions/features/childcare/childcare-rules';

describe('ageOn', () => {
  it('counts full years on the given day', () => {
    expect(ageOn('2018-05-01', '2026-04-30')).toBe(7);
    expect(ageOn('2018-05-01', '2026-05-01')).toBe(8);
    expect(ageOn('2018-12-31', '2026-01-01')).toBe(7);
  });

  it('a 29 February birthday counts from 1 March in other years', () => {
    expect(ageOn('2016-02-29', '2026-02-28')).toBe(9);
    expect(ageOn('2016-02-29', '2026-03-01')).toBe(10);
    expect(ageOn('2016-02-29', '2024-02-29')).toBe(8);
  });

  it('ageFits checks both ends of the range, inclusive', () => {
    expect(ageFits('2020-11-21', '2026-11-21', 6, 8)).toBe(true);
    expect(ageFits('2020-11-22', '2026-11-21', 6, 8)).toBe(false);
    expect(ageFits('2017-11-22', '2026-11-21', 6, 8)).toBe(true);
    expect(ageFits('2017-11-21', '2026-11-21', 6, 8)).toBe(false);
  });
});

describe('signupState', () => {
  const w = { signupOpens: '2026-11-17T00:00:00.000Z', signupCloses: '2026-11-20T00:00:00.000Z' };
  it('is open from the first to the last instant, both included', () => {
    expect(signupState(w, new Date('2026-11-16T23:59:59.999Z'))).toBe('upcoming');
    expect(signupState(w, new Date('2026-11-17T00:00:00.000Z'))).toBe('open');
    expect(signupState(w, new Date('2026-11-20T00:00:00.000Z'))).toBe('open');
    expect(signupState(w, new Date('2026-11-20T00:00:00.001Z'))).toBe('closed');
  });
});

describe('who sees a roster', () => {
  const nobody = { sessionVolunteer: false, siteStaff: false, cadreInScope: false, admin: false };
  it.each([
    ['session volunteer, around the session', { ...nobody, sessionVolunteer: true }, true, true, 'clear'],
    ['session volunteer, on the day, hours before', { ...nobody, sessionVolunteer: true }, true, false, 'names'],
    ['session volunteer, another day', { ...nobody, sessionVolunteer: true }, false, false, 'none'],
    ['site staff, on the day', { ...nobody, siteStaff: true }, true, false, 'clear'],
    ['site staff, another day', { ...nobody, siteStaff: true }, false, false, 'masked'],
    ['cadre in scope, on the day', { ...nobody, cadreInScope: true }, true, false, 'clear'],
    ['cadre in scope, another day', { ...nobody, cadreInScope: true }, false, false, 'masked'],
    ['admin, on the day', { ...nobody, admin: true }, true, true, 'masked'],
    ['anyone else', nobody, true, true, 'none'],
  ] as const)('%s', (_what, who, onTheDay, around, view) => {
    expect(rosterView(who, onTheDay, around)).toBe(view);
  });

  it('the care window runs from an hour before the session to an hour after it', () => {
    const s = { date: '2026-11-21', start: '09:00', end: '11:00' };
    expect(aroundSession(s, new Date('2026-11-21T07:59:00+08:00'))).toBe(false);
    expect(aroundSession(s, new Date('2026-11-21T08:00:00+08:00'))).toBe(true);
    expect(aroundSession(s, new Date('2026-11-21T12:00:00+08:00'))).toBe(true);
    expect(aroundSession(s, new Date('2026-11-21T12:01:00+08:00'))).toBe(false);
  });

  it('only the day’s volunteers and site staff mark attendance', () => {
    expect(mayMarkAttendance({ sessionVolunteer: true, siteStaff: false }, true)).toBe(true);
    expect(mayMarkAttendance({ sessionVolunteer: false, siteStaff: true }, true)).toBe(true);
    expect(mayMarkAttendance({ sessionVolunteer: true, siteStaff: true }, false)).toBe(false);
  });
});

it('the course menu lists each course once, in session order', () => {
  const s = (date: string, course: string) => ({ date, start: '09:00', end: '10:00', course });
  expect(courseMenu([s('2026-11-22', '街舞'), s('2026-11-21', '象棋'), s('2026-11-28', '象棋')])).toEqual(['象棋', '街舞']);
});
