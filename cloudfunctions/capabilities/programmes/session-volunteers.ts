/** Who staffs a programme's sessions: the volunteers' shifts, clocks, hours and certificates, for both rosters. */
import type { Certificate, RosterVolunteer } from '../../../types';
import { CERT_WARNING_DAYS } from '../../../types/volunteer-labels';
import { openField } from '../../core/crypto';
import { usersById } from '../../core/identity';
import type { DocReader } from '../../core/store/docstore.port';
import { findAll } from '../../core/store/find-all';
import { toShanghaiIso } from '../../core/time';
import { clocks, hoursEntries, shifts, volunteers, type VolunteerDoc } from './collections';

export const shiftId = (programmeId: string, date: string, volunteerId: string) => `${programmeId}:${date}:${volunteerId}`;

/** Signed up for this session. */
export async function isSessionVolunteer(store: Pick<DocReader, 'get'>, programmeId: string, date: string, userId: string): Promise<boolean> {
  return (await store.get(shifts, shiftId(programmeId, date, userId))) !== null;
}

/** A volunteer's certificates in clear, flagged when expiring within the warning period. */
export function certificatesOf(v: VolunteerDoc, fieldKey: Buffer, today: string): Certificate[] {
  const list = JSON.parse(openField(v.certificatesEnc, fieldKey)) as { kind: string; expiresOn: string }[];
  return list.map((c) => ({ ...c, expiresSoon: expiresSoon(c.expiresOn, today) }));
}

/** The session's volunteers with their clock-in, clock-out and hours; certificate flags when asked for. */
export async function sessionVolunteers(
  store: DocReader,
  fieldKey: Buffer,
  programmeId: string,
  date: string,
  today: string,
  withCertificates: boolean,
): Promise<RosterVolunteer[]> {
  const list = await findAll(store, shifts, { where: { programmeId, date } });
  if (list.length === 0) return [];
  const [names, events, hours] = await Promise.all([
    usersById(
      store,
      list.map((s) => s.volunteerId),
    ),
    findAll(store, clocks, { where: { programmeId, date } }),
    store.find(hoursEntries, { where: { _id: { $in: list.map((s) => s._id) } }, limit: 1000 }),
  ]);
  const credited = new Map(hours.items.map((h) => [h._id, h.hours]));
  const profiles = withCertificates
    ? new Map((await store.find(volunteers, { where: { _id: { $in: list.map((s) => s.volunteerId) } }, limit: 1000 })).items.map((v) => [v._id, v]))
    : new Map<string, VolunteerDoc>();
  return list
    .sort((a, b) => a.signedUpAt.localeCompare(b.signedUpAt))
    .map((s) => {
      const at = (event: 'in' | 'out') => events.find((e) => e.shiftId === s._id && e.event === event)?.at;
      const clockIn = at('in');
      const clockOut = at('out');
      const profile = profiles.get(s.volunteerId);
      const hoursOf = credited.get(s._id);
      return {
        shiftId: s._id,
        name: names.get(s.volunteerId)?.displayName ?? '志愿者',
        ...(clockIn ? { in: toShanghaiIso(clockIn) } : {}),
        ...(clockOut ? { out: toShanghaiIso(clockOut) } : {}),
        ...(hoursOf !== undefined ? { hours: hoursOf } : {}),
        ...(profile ? { certificateExpiring: certificatesOf(profile, fieldKey, today).some((c) => c.expiresSoon) } : {}),
      };
    });
}

/** Days from `today` to `day` (both YYYY-MM-DD). */
function daysUntil(day: string, today: string): number {
  return Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** Expired already, or expiring within the warning period. */
export function expiresSoon(expiresOn: string, today: string): boolean {
  return daysUntil(expiresOn, today) <= CERT_WARNING_DAYS;
}
