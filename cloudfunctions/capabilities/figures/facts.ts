/**
 * What every domain writes for the committee's figures, inside the transaction of its own event: one fact document
 * keyed by the event. Nothing here reads or writes a document that other events write too, so a crowd of events (a
 * lunch-time queue at one station, a class filling up) never queues on the figures; the scheduler folds the facts into
 * the roll-ups later (fold.ts), and reports add what is not folded yet (reports.service.ts).
 */
import type { ConsultCategory } from '../../../types';
import type { Tx } from '../../core/store/docstore.port';
import { shanghaiDay } from '../../core/time';
import { facts, type FactDoc, type OrgDayCounts } from './collections';

type Counts = Partial<OrgDayCounts> & Pick<FactDoc, `consult_${ConsultCategory}`>;

function fact(id: string, orgId: string, day: string, now: Date, counts: Counts): FactDoc {
  return { _id: id, orgId, day, at: now.toISOString(), ...counts };
}

/** Writes the fact unless its event was counted already (a kind's effect run again is counted once). */
async function once(tx: Tx, f: FactDoc): Promise<void> {
  if (!(await tx.get(facts, f._id))) await tx.insert(facts, f);
}

/** A check-in at a station (the station's committee), with the points it earned. */
export async function countCheckin(
  tx: Tx,
  v: { checkinId: string; stationId: string; orgId: string; riderId: string; day: string; points: number; now: Date },
): Promise<void> {
  await tx.insert(facts, {
    ...fact(`visit:${v.checkinId}`, v.orgId, v.day, v.now, {}),
    stationId: v.stationId,
    riderId: v.riderId,
    visits: 1,
    visitPoints: v.points,
  });
}

/** A ledger entry just appended: a credit other than a check-in's counts as points issued by its committee. */
export async function countPoints(tx: Tx, entry: { _id: string; delta: number; reason: string; at: string; orgId?: string }): Promise<void> {
  if (entry.delta <= 0 || entry.reason === 'checkin' || !entry.orgId) return;
  await tx.insert(facts, fact(`points:${entry._id}`, entry.orgId, shanghaiDay(entry.at), new Date(entry.at), { points: entry.delta }));
}

export async function countClaimApproved(tx: Tx, reviewId: string, orgId: string, now: Date): Promise<void> {
  await once(tx, fact(`claim:${reviewId}`, orgId, shanghaiDay(now), now, { claimsApproved: 1 }));
}

/** A consultation completed (by the counsellor, or by escalating it into a case), in the counsellor's committee. */
export async function countConsultation(tx: Tx, booking: { _id: string; orgId: string; category: ConsultCategory }, now: Date): Promise<void> {
  await once(tx, fact(`consultation:${booking._id}`, booking.orgId, shanghaiDay(now), now, { consultations: 1, [`consult_${booking.category}`]: 1 }));
}

export async function countCaseOpened(tx: Tx, caseId: string, orgId: string, now: Date): Promise<void> {
  await once(tx, fact(`case-opened:${caseId}`, orgId, shanghaiDay(now), now, { casesOpened: 1 }));
}

export async function countCaseClosed(tx: Tx, caseId: string, orgId: string, now: Date): Promise<void> {
  await once(tx, fact(`case-closed:${caseId}`, orgId, shanghaiDay(now), now, { casesClosed: 1 }));
}

/**
 * A child signed in at a session (first time that day): the child's hours, and the session held with its first child.
 * The session's fact is read before it is written: children signing in at once only ever read it, bar the first two.
 */
export async function countChildSignIn(
  tx: Tx,
  a: { enrolmentId: string; programmeId: string; orgId: string; date: string; start: string; end: string; now: Date },
): Promise<void> {
  const sessionId = `session:${a.programmeId}:${a.date}`;
  if (!(await tx.get(facts, sessionId))) await tx.insert(facts, fact(sessionId, a.orgId, a.date, a.now, { childcareSessions: 1 }));
  await tx.insert(facts, fact(`child:${a.enrolmentId}:${a.date}`, a.orgId, a.date, a.now, { childMinutes: sessionMinutes(a.start, a.end) }));
}

/** Minutes from HH:mm to HH:mm on one day. */
export function sessionMinutes(start: string, end: string): number {
  const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
  return Math.max(0, minutes(end) - minutes(start));
}

/** A volunteer's shift signed out with hours credited. */
export async function countVolunteerHours(tx: Tx, shiftId: string, orgId: string, date: string, hours: number, now: Date): Promise<void> {
  if (hours > 0) await once(tx, fact(`volunteer:${shiftId}`, orgId, date, now, { volunteerHours: hours }));
}
