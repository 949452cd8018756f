/** Pure rules of volunteering: the hours a shift earns (certificates about to expire: the programmes capability). */

const MINUTE = 60_000;
const HALF_HOUR = 30 * MINUTE;

/**
 * Hours credited for a shift: the time present within the session (clock-in to clock-out, cut to the session's
 * start and end, so never more than the session), credited only when it is at least 60 % of the session, and then
 * rounded down to whole half hours.
 */
export function creditedHours(session: { start: Date; end: Date }, clockIn: Date, clockOut: Date): number {
  const length = session.end.getTime() - session.start.getTime();
  if (length <= 0) return 0;
  const from = Math.max(session.start.getTime(), clockIn.getTime());
  const to = Math.min(session.end.getTime(), clockOut.getTime());
  const present = Math.max(0, to - from);
  // 60 % compared in integers: present / length >= 3 / 5.
  if (present * 5 < length * 3) return 0;
  return Math.floor(present / HALF_HOUR) / 2;
}
