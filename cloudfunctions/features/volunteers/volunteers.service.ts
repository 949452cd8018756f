import type { HoursEntry, OutputOf, ParsedInputOf, Shift, VolunteerSummary } from '../../../types';
import { oversight, scopeOf } from '../../core/access';
import { conflict, expired, forbidden, notFound } from '../../core/errors';
import { maskText, openField, sealField } from '../../core/crypto';
import { users } from '../../core/identity';
import type { Ctx } from '../../core/runtime';
import { StoreConflict, type DocReader, type DocStore } from '../../core/store/docstore.port';
import { findAll } from '../../core/store/find-all';
import { shanghaiDay, toShanghaiIso } from '../../core/time';
import { scanRiderCode } from '../../capabilities/codes/scan';
import { useCode, withCodeUse } from '../../capabilities/codes/code-uses';
import { getProgramme, isCadreInScope, isSiteStaff, sessionOn, volunteerCapacity } from '../../capabilities/programmes/programmes';
import { sessionInstants } from '../../capabilities/programmes/programmes';
import { allOrgs, getOrg } from '../../capabilities/orgs/orgs.service';
import { countVolunteerHours } from '../../capabilities/figures/facts';
import { fileReview } from '../../capabilities/review/submit';
import { placements, sessionPlaces } from './collections';
import {
  clocks,
  hoursEntries,
  shifts,
  volunteers,
  type ClockDoc,
  type HoursDoc,
  type ShiftDoc,
  type VolunteerDoc,
} from '../../capabilities/programmes/collections';
import { certificatesOf, shiftId } from '../../capabilities/programmes/session-volunteers';
import { placementId, sessionPlacesId } from './collections';
import { volunteerKind } from './volunteer-kind';
import { creditedHours } from './volunteers-rules';

function toShift(s: ShiftDoc, marks: { in?: string; out?: string; hours?: number } = {}): Shift {
  return {
    id: s._id,
    programmeId: s.programmeId,
    programmeTitle: s.programmeTitle,
    date: s.date,
    start: s.start,
    end: s.end,
    course: s.course,
    ...(marks.in ? { in: toShanghaiIso(marks.in) } : {}),
    ...(marks.out ? { out: toShanghaiIso(marks.out) } : {}),
    ...(marks.hours !== undefined ? { hours: marks.hours } : {}),
  };
}

function toEntry(h: HoursDoc): HoursEntry {
  return { id: h._id, programmeId: h.programmeId, programmeTitle: h.programmeTitle, date: h.date, hours: h.hours, at: toShanghaiIso(h.at) };
}

/** Anyone applies to volunteer for a committee; the application is a review item of kind `volunteer`. */
export async function apply(ctx: Ctx, input: ParsedInputOf<'volunteers', 'apply'>): Promise<OutputOf<'volunteers', 'apply'>> {
  const { user, deps, now } = ctx;
  if (user.roles.includes('volunteer')) throw conflict('你已经是志愿者了');
  if (!(await getOrg(deps.store, input.orgId))) throw notFound('团委不存在');
  const certificates = input.certificates ?? [];
  const key = deps.secrets.fieldKey;
  return deps.store.transaction(async (tx) => {
    const reviewId = await fileReview(tx, ctx, user, volunteerKind, {
      orgId: input.orgId,
      payload: {
        name: input.name,
        skills: input.skills.join('、'),
        certificates: certificates.length ? certificates.map((c) => `${c.kind}（${c.expiresOn} 到期）`).join('；') : '无',
      },
    });
    await tx.set(volunteers, {
      _id: user._id,
      orgId: input.orgId,
      nameEnc: sealField(input.name, key),
      skills: input.skills,
      certificatesEnc: sealField(JSON.stringify(certificates), key),
      status: 'applied',
      reviewId,
      appliedAt: now.toISOString(),
    });
    return { reviewId };
  });
}

/**
 * A volunteer serves where they belong or were placed: programmes of the committee that approved them (and the
 * committees below it), or a programme a cadre of its committee placed them on.
 */
async function mayServe(ctx: Ctx, programme: { _id: string; orgId: string }): Promise<boolean> {
  const { user, deps } = ctx;
  const [record, placed] = await Promise.all([deps.store.get(volunteers, user._id), deps.store.get(placements, placementId(programme._id, user._id))]);
  if (placed) return true;
  return record?.status === 'approved' && scopeOf(await allOrgs(deps.store), [record.orgId]).has(programme.orgId);
}

/**
 * Takes one of the session's places with a conditional single-document update (`taken < capacity → taken + 1`), so
 * concurrent sign-ups never take more than the capacity and none waits on another; false when none is left. The
 * count is created at 0 by the session's first sign-up.
 */
async function takePlace(store: DocStore, id: string, capacity: number): Promise<boolean> {
  const take = () => store.updateIf(sessionPlaces, id, { taken: { $lt: capacity } }, { inc: { taken: 1 } });
  if (await take()) return true;
  if (await store.get(sessionPlaces, id)) return false;
  try {
    await store.insert(sessionPlaces, { _id: id, taken: 0 });
  } catch (error) {
    if (!(error instanceof StoreConflict)) throw error;
  }
  return take();
}

/**
 * A volunteer takes a place on a session that has not ended, where they may serve (FORBIDDEN elsewhere), while the
 * session has places left; signing up again answers the same place. One shift document per volunteer and session
 * (keyed) says who serves; the place is taken first, and given back when the shift turns out to exist already (two
 * sign-ups of one volunteer at once), so a failure between the two can only leave a place unused, never one too many.
 */
export async function signUp(ctx: Ctx, input: ParsedInputOf<'volunteers', 'signUp'>): Promise<OutputOf<'volunteers', 'signUp'>> {
  const { user, deps, now } = ctx;
  const p = await getProgramme(deps.store, input.programmeId);
  if (!p) throw notFound('找不到这个骑士班');
  if (!(await mayServe(ctx, p))) throw forbidden('只能报名本团委（及下级团委）的骑士班，其他团委的骑士班需由该团委的团干部安排');
  const session = sessionOn(p, input.date);
  if (!session) throw notFound('这一天没有课');
  if (sessionInstants(session).end.getTime() <= now.getTime()) throw expired('这一场已经结束了');
  const doc: ShiftDoc = {
    _id: shiftId(p._id, input.date, user._id),
    programmeId: p._id,
    programmeTitle: p.title,
    orgId: p.orgId,
    date: input.date,
    start: session.start,
    end: session.end,
    course: session.course,
    volunteerId: user._id,
    signedUpAt: now.toISOString(),
  };
  const existing = await deps.store.get(shifts, doc._id);
  if (existing) return { shift: toShift(existing) };
  const capacity = volunteerCapacity(p);
  const placesId = sessionPlacesId(p._id, input.date);
  if (!(await takePlace(deps.store, placesId, capacity))) throw conflict(`这一场的志愿者已满（${capacity} 人）`);
  try {
    await deps.store.insert(shifts, doc);
  } catch (error) {
    if (!(error instanceof StoreConflict)) throw error;
    await deps.store.updateIf(sessionPlaces, placesId, { taken: { $gt: 0 } }, { inc: { taken: -1 } });
    const shift = await deps.store.get(shifts, doc._id);
    if (!shift) throw error;
    return { shift: toShift(shift) };
  }
  return { shift: toShift(doc) };
}

/**
 * A cadre whose committees hold the programme's places a volunteer (of any committee) on it, or takes the placement
 * back (shifts already signed up for stay). Placing twice answers the same placement.
 */
export async function place(ctx: Ctx, input: ParsedInputOf<'volunteers', 'place'>): Promise<OutputOf<'volunteers', 'place'>> {
  const { user, deps, now } = ctx;
  const p = await getProgramme(deps.store, input.programmeId);
  if (p && !isCadreInScope(user, await allOrgs(deps.store), p.orgId)) throw forbidden('只有骑士班所属团委（及上级）的团干部可以安排志愿者');
  if (!p) throw notFound('找不到这个骑士班');
  const volunteer = await deps.store.get(users, input.volunteerId);
  if (!volunteer?.roles.includes('volunteer')) throw notFound('找不到这位志愿者');
  const id = placementId(p._id, volunteer._id);
  if (input.remove) await deps.store.remove(placements, id);
  else {
    await deps.store.transaction(async (tx) => {
      if (!(await tx.get(placements, id))) {
        await tx.insert(placements, { _id: id, programmeId: p._id, volunteerId: volunteer._id, orgId: p.orgId, byId: user._id, at: now.toISOString() });
      }
    });
  }
  return { placed: !input.remove, programmeId: p._id, volunteer: { id: volunteer._id, name: volunteer.displayName } };
}

/**
 * Staff of the site or a cadre of the programme scan a volunteer's personal check-in code to clock them in or out
 * of the day's session (no location check). The code is used up in the same transaction that writes the keyed
 * clock record; clocking the same event again changes nothing. Clocking out credits the shift's hours once.
 */
export async function clock(ctx: Ctx, input: ParsedInputOf<'volunteers', 'clock'>): Promise<OutputOf<'volunteers', 'clock'>> {
  const { user, deps, now } = ctx;
  const p = await getProgramme(deps.store, input.programmeId);
  if (p && !isSiteStaff(user, p) && !isCadreInScope(user, await allOrgs(deps.store), p.orgId)) {
    throw forbidden('只有这个骑士班的场地工作人员或团干部可以为志愿者打卡');
  }
  if (!p) throw notFound('找不到这个骑士班');
  const session = sessionOn(p, input.date);
  if (!session) throw notFound('这一天没有课');
  if (input.date !== shanghaiDay(now)) throw conflict('只能在上课当天打卡');
  const { rider: volunteer, ref } = await scanRiderCode(ctx, input.code, p.site.stationId ?? p._id);
  const shift = await deps.store.get(shifts, shiftId(p._id, input.date, volunteer._id));
  if (!shift) throw notFound('这位志愿者没有报名这一场');

  const marks = await withCodeUse(deps.store, async (tx) => {
    const clockIn = await tx.get(clocks, `${shift._id}:in`);
    const clockOut = await tx.get(clocks, `${shift._id}:out`);
    const done = input.event === 'in' ? clockIn : clockOut;
    if (done) {
      const credited = await tx.get(hoursEntries, shift._id);
      return { in: clockIn?.at, out: clockOut?.at, hours: credited?.hours };
    }
    if (input.event === 'out' && !clockIn) throw conflict('这位志愿者还没有签到');
    await useCode(tx, { _id: ref, riderId: volunteer._id, use: 'volunteer', at: now.toISOString() });
    const record: ClockDoc = {
      _id: `${shift._id}:${input.event}`,
      shiftId: shift._id,
      programmeId: p._id,
      date: input.date,
      volunteerId: shift.volunteerId,
      event: input.event,
      at: now.toISOString(),
      byId: user._id,
    };
    await tx.insert(clocks, record);
    if (input.event === 'in' || !clockIn) return { in: record.at };
    const hours = creditedHours(sessionInstants(session), new Date(clockIn.at), now);
    await tx.insert(hoursEntries, {
      _id: shift._id,
      volunteerId: shift.volunteerId,
      programmeId: p._id,
      programmeTitle: p.title,
      orgId: p.orgId,
      date: input.date,
      hours,
      at: record.at,
    });
    await countVolunteerHours(tx, shift._id, p.orgId, input.date, hours, now);
    return { in: clockIn.at, out: record.at, hours };
  });
  return {
    shift: toShift(shift, marks),
    volunteerName: volunteer.displayName,
    ...(marks.hours !== undefined ? { hours: marks.hours } : {}),
  };
}

async function hoursOf(store: DocReader, volunteerId: string): Promise<HoursDoc[]> {
  return findAll(store, hoursEntries, { where: { volunteerId }, orderBy: [['date', 'desc']] });
}

/** The caller's hours, newest first, credited at each clock-out. */
export async function hours(ctx: Ctx): Promise<OutputOf<'volunteers', 'hours'>> {
  const entries = await hoursOf(ctx.deps.store, ctx.user._id);
  return { total: entries.reduce((sum, e) => sum + e.hours, 0), entries: entries.map(toEntry) };
}

/** The caller's own record in clear: status, skills, certificates (flagged when expiring), and shifts from today. */
export async function profile(ctx: Ctx): Promise<OutputOf<'volunteers', 'profile'>> {
  const { user, deps, now } = ctx;
  const today = shanghaiDay(now);
  const record = await deps.store.get(volunteers, user._id);
  const upcoming = await findAll(deps.store, shifts, { where: { volunteerId: user._id, date: { $gte: today } }, orderBy: [['date', 'asc']] });
  const ids = upcoming.flatMap((s) => [`${s._id}:in`, `${s._id}:out`]);
  const marks = ids.length ? (await deps.store.find(clocks, { where: { _id: { $in: ids } }, limit: 1000 })).items : [];
  const credited = upcoming.length ? (await deps.store.find(hoursEntries, { where: { _id: { $in: upcoming.map((s) => s._id) } }, limit: 1000 })).items : [];
  const status = user.roles.includes('volunteer') ? 'approved' : record ? 'applied' : 'none';
  return {
    userId: user._id,
    status,
    ...(record ? { name: openField(record.nameEnc, deps.secrets.fieldKey), orgId: record.orgId } : {}),
    skills: record?.skills ?? [],
    certificates: record ? certificatesOf(record, deps.secrets.fieldKey, today) : [],
    shifts: upcoming.map((s) =>
      toShift(s, {
        in: marks.find((m) => m._id === `${s._id}:in`)?.at,
        out: marks.find((m) => m._id === `${s._id}:out`)?.at,
        hours: credited.find((h) => h._id === s._id)?.hours,
      }),
    ),
  };
}

/** Cadres (and admins): the approved volunteers of the committees in scope, names masked, expiring certificates flagged. */
export async function list(ctx: Ctx, input: ParsedInputOf<'volunteers', 'list'>): Promise<OutputOf<'volunteers', 'list'>> {
  const { user, deps, now } = ctx;
  const scope = oversight(user, await allOrgs(deps.store));
  if (input.orgId && scope && !scope.has(input.orgId)) throw forbidden('这个团委不在你的管辖范围内');
  const orgIds = input.orgId ? [input.orgId] : scope ? [...scope] : undefined;
  const found: VolunteerDoc[] = [];
  if (orgIds === undefined) found.push(...(await findAll(deps.store, volunteers, { where: { status: 'approved' } })));
  else {
    for (let i = 0; i < orgIds.length; i += 100) {
      found.push(...(await findAll(deps.store, volunteers, { where: { orgId: { $in: orgIds.slice(i, i + 100) }, status: 'approved' } })));
    }
  }
  const today = shanghaiDay(now);
  const totals = found.length
    ? await deps.store.group(hoursEntries, { where: { volunteerId: { $in: found.map((v) => v._id) } }, groupBy: ['volunteerId'], sum: ['hours'], limit: 1000 })
    : [];
  const out: VolunteerSummary[] = found.map((v) => {
    const certificates = certificatesOf(v, deps.secrets.fieldKey, today);
    return {
      userId: v._id,
      name: maskText(openField(v.nameEnc, deps.secrets.fieldKey)),
      orgId: v.orgId,
      skills: v.skills,
      certificates,
      certificateExpiring: certificates.some((c) => c.expiresSoon),
      hours: totals.find((t) => t.key.volunteerId === v._id)?.sums.hours ?? 0,
    };
  });
  return { volunteers: out.sort((a, b) => Number(b.certificateExpiring) - Number(a.certificateExpiring)) };
}
