/** Pure rules of the childcare domain: ages, the sign-up window, who sees a roster (seats: capabilities/seating/seating.ts). */
import type { Session, SignupState } from '../../../types';
import { sessionInstants } from '../../capabilities/programmes/programmes';

/** Full years of a child born on `birthDate` (YYYY-MM-DD) on the day `on` (YYYY-MM-DD); a 29 February birthday counts from 1 March. */
export function ageOn(birthDate: string, on: string): number {
  const born = Number(birthDate.slice(0, 4));
  const year = Number(on.slice(0, 4));
  const hadBirthday = on.slice(5) >= birthDate.slice(5);
  return year - born - (hadBirthday ? 0 : 1);
}

/** Whether a child of this birth date is in the programme's age range on its first session's date. */
export function ageFits(birthDate: string, firstDate: string, ageMin: number, ageMax: number): boolean {
  const age = ageOn(birthDate, firstDate);
  return age >= ageMin && age <= ageMax;
}

/** Before the window, inside it (both ends included), or after it. */
export function signupState(window: { signupOpens: string; signupCloses: string }, now: Date): SignupState {
  const t = now.getTime();
  if (t < Date.parse(window.signupOpens)) return 'upcoming';
  if (t > Date.parse(window.signupCloses)) return 'closed';
  return 'open';
}

export function sortSessions<S extends Session>(sessions: readonly S[]): S[] {
  return [...sessions].sort((a, b) => a.date.localeCompare(b.date));
}

/** The course menu: each course once, in the order it first comes. */
export function courseMenu(sessions: readonly Session[]): string[] {
  return [...new Set(sortSessions(sessions).map((s) => s.course))];
}

export interface RosterCaller {
  /** Signed up as a volunteer for this very session. */
  sessionVolunteer: boolean;
  /** Staff of the station hosting the programme. */
  siteStaff: boolean;
  cadreInScope: boolean;
  admin: boolean;
}

/** Volunteers see allergies and emergency phones from this long before a session until this long after it. */
export const CARE_WINDOW_MINUTES = 60;

/** Whether `now` is within the care window around the session. */
export function aroundSession(s: Pick<Session, 'date' | 'start' | 'end'>, now: Date): boolean {
  const { start, end } = sessionInstants(s);
  const margin = CARE_WINDOW_MINUTES * 60_000;
  return now.getTime() >= start.getTime() - margin && now.getTime() <= end.getTime() + margin;
}

/**
 * Who sees a session's roster, and how. On the session's own day, the site's staff and cadres in scope (who answer
 * for the children) see names, allergies and the emergency phone in clear; the session's own volunteers see the
 * names, and allergies and phones only around the session, when they may need them. On other days staff and cadres
 * see a masked list for planning, admins always a masked one, everyone else nothing.
 */
export function rosterView(who: RosterCaller, onTheDay: boolean, aroundTheSession: boolean): 'clear' | 'names' | 'masked' | 'none' {
  if (onTheDay && (who.siteStaff || who.cadreInScope)) return 'clear';
  if (onTheDay && who.sessionVolunteer) return aroundTheSession ? 'clear' : 'names';
  if (who.siteStaff || who.cadreInScope || who.admin) return 'masked';
  return 'none';
}

/** Who signs children in and out: the session's volunteers and the site's staff, on the day only. */
export function mayMarkAttendance(who: Pick<RosterCaller, 'sessionVolunteer' | 'siteStaff'>, onTheDay: boolean): boolean {
  return onTheDay && (who.sessionVolunteer || who.siteStaff);
}
