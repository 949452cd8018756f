/** Programmes, enrolments and children as each reader may see them (a child's details opened only for those allowed). */
import type { ChildSummary, Enrolment, Programme } from '../../../types';
import { maskPhone, maskText, openField } from '../../core/crypto';
import { notFound } from '../../core/errors';
import { requestStanding, seatsLeft, type Seats } from '../../capabilities/seating/seating';
import { latLngOf, type DocReader } from '../../core/store/docstore.port';
import { toShanghaiIso } from '../../core/time';
import { ageOn, courseMenu, signupState } from './childcare-rules';
import { seats, type ChildDoc, type EnrolmentDoc, type SeatsDoc } from './collections';
import { programmes, type ProgrammeDoc } from '../../capabilities/programmes/collections';
import { volunteerCapacity } from '../../capabilities/programmes/programmes';

export function toProgramme(p: ProgrammeDoc, held: SeatsDoc | undefined, now: Date, distanceM?: number): Programme {
  const confirmed = held?.seated.length ?? 0;
  return {
    id: p._id,
    title: p.title,
    orgId: p.orgId,
    ...(p.description ? { description: p.description } : {}),
    site: { ...p.site, location: latLngOf(p.location) },
    ...(distanceM !== undefined ? { distanceM: Math.round(distanceM) } : {}),
    ageMin: p.ageMin,
    ageMax: p.ageMax,
    capacity: p.capacity,
    confirmed,
    seatsLeft: held ? seatsLeft(held) : p.capacity,
    waitlisted: held?.waitlist.length ?? 0,
    signupOpens: toShanghaiIso(p.signupOpens),
    signupCloses: toShanghaiIso(p.signupCloses),
    signupState: signupState(p, now),
    requiresReview: p.requiresReview,
    volunteersPerSession: volunteerCapacity(p),
    sessions: p.sessions,
    courses: courseMenu(p.sessions),
    firstDate: p.firstDate,
    lastDate: p.lastDate,
  };
}

export async function seatsOf(store: DocReader, ids: readonly string[]): Promise<Map<string, SeatsDoc>> {
  if (ids.length === 0) return new Map();
  const page = await store.find(seats, { where: { _id: { $in: [...ids] } }, limit: ids.length });
  return new Map(page.items.map((s) => [s._id, s]));
}

/** An enrolment as the guardian sees it: where the seats have it (its stored status may lag behind them). */
export function toEnrolment(e: EnrolmentDoc, held: Pick<Seats, 'seated' | 'waitlist'> | null | undefined): Enrolment {
  const standing = requestStanding(e, held);
  return {
    id: e._id,
    programmeId: e.programmeId,
    childId: e.childId,
    // A request not yet placed shows as pending (it is placed within the same call, or by the next one).
    status: standing.status === 'unplaced' ? 'pending' : standing.status,
    ...(standing.status === 'waitlisted' ? { position: standing.position } : {}),
    enrolledAt: toShanghaiIso(e.enrolledAt),
    ...(e.confirmedAt ? { confirmedAt: toShanghaiIso(e.confirmedAt) } : {}),
    ...(e.cancelledAt ? { cancelledAt: toShanghaiIso(e.cancelledAt) } : {}),
  };
}

export interface OpenChild {
  name: string;
  birthDate: string;
  emergencyPhone: string;
  school?: string;
  allergies?: string;
}

export function openChild(c: ChildDoc, key: Buffer): OpenChild {
  return {
    name: openField(c.nameEnc, key),
    birthDate: openField(c.birthDateEnc, key),
    emergencyPhone: openField(c.emergencyPhoneEnc, key),
    ...(c.schoolEnc ? { school: openField(c.schoolEnc, key) } : {}),
    ...(c.allergiesEnc ? { allergies: openField(c.allergiesEnc, key) } : {}),
  };
}

export function maskedChild(c: ChildDoc, key: Buffer, today: string): ChildSummary {
  const clear = openChild(c, key);
  return {
    id: c._id,
    name: maskText(clear.name),
    age: ageOn(clear.birthDate, today),
    ...(clear.school ? { school: maskText(clear.school) } : {}),
    emergencyPhone: maskPhone(clear.emergencyPhone),
    hasAllergies: clear.allergies !== undefined,
  };
}

export async function programmeOrFail(store: DocReader, id: string): Promise<ProgrammeDoc> {
  const p = await store.get(programmes, id);
  if (!p) throw notFound('找不到这个骑士班');
  return p;
}
