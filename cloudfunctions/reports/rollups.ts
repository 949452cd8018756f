/**
 * The roll-ups the committee's reports read, written by each domain inside the transaction of its own event, so the
 * figures move with the records exactly (both commit or neither). Every write here is to a document by `_id`.
 *
 * A domain calls one of these with the facts of its event and adds nothing else: the documents and their shape stay
 * this module's (scripts/rebuild-rollups.ts rebuilds them from the raw records the same way).
 */
import type { ConsultCategory } from '../../types';
import type { UserDoc } from '../core/identity';
import type { Tx } from '../core/store/docstore.port';
import { shanghaiDay } from '../core/time';
import { orgDays, registries, riderVisits, sessionsHeld, stationBuckets, type OrgDayCounts, type OrgDayDoc, type RegistryDoc, type RiderVisitDoc } from './collections';
import { visitBuckets } from './reports-rules';

type OrgDayChange = Partial<OrgDayCounts> & { consult?: ConsultCategory };

/** Adds to the committee's day counters. */
async function addToOrgDay(tx: Tx, orgId: string, day: string, change: OrgDayChange): Promise<void> {
  const id = `${orgId}:${day}`;
  const doc: OrgDayDoc = (await tx.get(orgDays, id)) ?? { _id: id, orgId, day, month: day.slice(0, 7) };
  const next: OrgDayDoc = { ...doc };
  const { consult, ...counts } = change;
  for (const [field, n] of Object.entries(counts) as [keyof OrgDayCounts, number][]) next[field] = (doc[field] ?? 0) + n;
  if (consult) next[`consult_${consult}`] = (doc[`consult_${consult}`] ?? 0) + 1;
  await tx.set(orgDays, next);
}

/**
 * A check-in (its day's visit and points are on the station's day in the checkin domain). The station's month and
 * year count it; on the rider's first visit to the station that day the rider is marked in the day's, the month's
 * and the year's bucket, and the first mark in a month or year counts one more rider for the station there.
 */
export async function countCheckin(
  tx: Tx,
  v: { stationId: string; orgId: string; riderId: string; day: string; points: number; firstVisitToday: boolean },
): Promise<void> {
  const [day, ...longer] = visitBuckets(v.day);
  const visit = (bucket: string): RiderVisitDoc => ({ _id: `${bucket}:${v.stationId}:${v.riderId}`, bucket, orgId: v.orgId, stationId: v.stationId, riderId: v.riderId });
  if (v.firstVisitToday) await tx.set(riderVisits, visit(day));
  for (const bucket of longer) {
    const id = `${v.stationId}:${bucket}`;
    const station = (await tx.get(stationBuckets, id)) ?? { _id: id, stationId: v.stationId, orgId: v.orgId, bucket, visits: 0, points: 0, riders: 0 };
    const newRider = v.firstVisitToday && !(await tx.get(riderVisits, visit(bucket)._id));
    if (newRider) await tx.insert(riderVisits, visit(bucket));
    await tx.set(stationBuckets, { ...station, visits: station.visits + 1, points: station.points + v.points, riders: station.riders + (newRider ? 1 : 0) });
  }
}

/** A ledger entry just appended: a credit other than a check-in's counts as points issued by its committee. */
export async function countPoints(tx: Tx, entry: { delta: number; reason: string; at: string; orgId?: string }): Promise<void> {
  if (entry.delta <= 0 || entry.reason === 'checkin' || !entry.orgId) return;
  await addToOrgDay(tx, entry.orgId, shanghaiDay(entry.at), { points: entry.delta });
}

export async function countClaimApproved(tx: Tx, orgId: string, now: Date): Promise<void> {
  await addToOrgDay(tx, orgId, shanghaiDay(now), { claimsApproved: 1 });
}

/** A consultation completed (by the counsellor, or by escalating it into a case), in the counsellor's committee. */
export async function countConsultation(tx: Tx, booking: { orgId: string; category: ConsultCategory }, now: Date): Promise<void> {
  await addToOrgDay(tx, booking.orgId, shanghaiDay(now), { consultations: 1, consult: booking.category });
}

export async function countCaseOpened(tx: Tx, orgId: string, now: Date): Promise<void> {
  await addToOrgDay(tx, orgId, shanghaiDay(now), { casesOpened: 1 });
}

export async function countCaseClosed(tx: Tx, orgId: string, now: Date): Promise<void> {
  await addToOrgDay(tx, orgId, shanghaiDay(now), { casesClosed: 1 });
}

/** A child signed in at a session (first time that day): the child's hours, and the session held on its first child. */
export async function countChildSignIn(tx: Tx, a: { programmeId: string; orgId: string; date: string; start: string; end: string }): Promise<void> {
  const sessionId = `${a.programmeId}:${a.date}`;
  const first = !(await tx.get(sessionsHeld, sessionId));
  if (first) await tx.insert(sessionsHeld, { _id: sessionId, orgId: a.orgId, date: a.date });
  await addToOrgDay(tx, a.orgId, a.date, { childMinutes: sessionMinutes(a.start, a.end), ...(first ? { childcareSessions: 1 } : {}) });
}

/** Minutes from HH:mm to HH:mm on one day. */
export function sessionMinutes(start: string, end: string): number {
  const minutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
  return Math.max(0, minutes(end) - minutes(start));
}

export async function countVolunteerHours(tx: Tx, orgId: string, date: string, hours: number): Promise<void> {
  if (hours > 0) await addToOrgDay(tx, orgId, date, { volunteerHours: hours });
}

/** What the registry counts of a user. */
export type RiderFacts = Pick<UserDoc, 'orgId' | 'verified' | 'platform' | 'birthYear' | 'leagueMember'>;

function bump<E extends { riders: number }>(list: E[], match: (e: E) => boolean, make: () => E, by: number): void {
  const found = list.find(match);
  if (found) found.riders += by;
  else list.push({ ...make(), riders: by });
}

/** Counts a rider's facts into a registry (by 1) or out of it (by -1). */
export function applyFacts(doc: RegistryDoc, f: RiderFacts, by: 1 | -1): void {
  doc.riders += by;
  if (f.verified) doc.verified += by;
  if (f.leagueMember) doc.leagueMembers += by;
  const { platform, birthYear } = f;
  if (platform) bump(doc.platforms, (p) => p.name === platform, () => ({ name: platform, riders: 0 }), by);
  if (birthYear) bump(doc.birthYears, (y) => y.year === birthYear, () => ({ year: birthYear, riders: 0 }), by);
}

/** The registry as stored: empty entries dropped, in a fixed order (so a rebuild writes the same document). */
export function tidyRegistry(doc: RegistryDoc): RegistryDoc {
  return {
    ...doc,
    platforms: doc.platforms.filter((p) => p.riders > 0).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    birthYears: doc.birthYears.filter((y) => y.riders > 0).sort((a, b) => a.year - b.year),
  };
}

export const emptyRegistry = (orgId: string): RegistryDoc => ({ _id: orgId, riders: 0, verified: 0, leagueMembers: 0, platforms: [], birthYears: [] });

const sameFacts = (a: RiderFacts, b: RiderFacts) =>
  a.orgId === b.orgId && !!a.verified === !!b.verified && a.platform === b.platform && a.birthYear === b.birthYear && !!a.leagueMember === !!b.leagueMember;

/**
 * A rider's profile changed (home committee, verification, platform, birth year, League membership): the registry of
 * the committee they left loses them as they were, and the one they are in counts them as they are. `before` null: a
 * rider counted for the first time.
 */
export async function countRider(tx: Tx, before: RiderFacts | null, after: RiderFacts): Promise<void> {
  if (before && sameFacts(before, after)) return;
  const docs = new Map<string, RegistryDoc>();
  const docOf = async (orgId: string) => {
    const doc = docs.get(orgId) ?? (await tx.get(registries, orgId)) ?? emptyRegistry(orgId);
    docs.set(orgId, doc);
    return doc;
  };
  if (before?.orgId) applyFacts(await docOf(before.orgId), before, -1);
  if (after.orgId) applyFacts(await docOf(after.orgId), after, 1);
  for (const doc of docs.values()) await tx.set(registries, tidyRegistry(doc));
}
