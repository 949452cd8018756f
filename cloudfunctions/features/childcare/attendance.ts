/** The day of a session: the roster each helper may see, and children signed in and out. */
import type { OutputOf, ParsedInputOf, RosterChild } from '../../../types';
import { isAdmin } from '../../core/access';
import { maskText, openField } from '../../core/crypto';
import { conflict, forbidden, notFound } from '../../core/errors';
import { users } from '../../core/identity';
import type { Ctx } from '../../core/runtime';
import { requestStanding } from '../../capabilities/seating/seating';
import { findAll } from '../../core/store/find-all';
import { shanghaiDay, toShanghaiIso } from '../../core/time';
import { notify, push, type Notice } from '../../capabilities/inbox/inbox';
import { allOrgs } from '../../capabilities/orgs/orgs.service';
import { countChildSignIn } from '../../capabilities/figures/facts';
import { isSessionVolunteer, sessionVolunteers } from '../../capabilities/programmes/session-volunteers';
import { ageOn, aroundSession, mayMarkAttendance, rosterView } from './childcare-rules';
import { attendance, children, enrolments, seats, type AttendanceDoc, type ChildDoc } from './collections';
import { programmes, type ProgrammeDoc } from '../../capabilities/programmes/collections';
import { MINE_LINK } from './seating';
import { isCadreInScope, isSiteStaff, sessionOn } from '../../capabilities/programmes/programmes';
import { seated } from './enrolment';
import { openChild, programmeOrFail } from './views';

interface Caring {
  view: 'clear' | 'names' | 'masked' | 'none';
  mayMark: boolean;
  /** Staff, cadres and admins also see whether a volunteer's certificate is about to expire. */
  oversees: boolean;
}

async function caring(ctx: Ctx, programme: ProgrammeDoc, date: string): Promise<Caring> {
  const { user, deps, now } = ctx;
  const onTheDay = date === shanghaiDay(now);
  const session = sessionOn(programme, date);
  const who = {
    sessionVolunteer: user.roles.includes('volunteer') && (await isSessionVolunteer(deps.store, programme._id, date, user._id)),
    siteStaff: isSiteStaff(user, programme),
    cadreInScope: user.roles.includes('cadre') && isCadreInScope(user, await allOrgs(deps.store), programme.orgId),
    admin: isAdmin(user),
  };
  return {
    view: rosterView(who, onTheDay, session !== undefined && aroundSession(session, now)),
    mayMark: mayMarkAttendance(who, onTheDay),
    oversees: who.siteStaff || who.cadreInScope || who.admin,
  };
}

/**
 * A session's roster: the confirmed children with their signing in and out, and the session's volunteers. On the
 * day, the site's staff and cadres in scope see names, allergies and the emergency phone in clear; the session's own
 * volunteers see names, and allergies and phones only around the session itself; staff, cadres and admins on other
 * days a masked list; anyone else nothing.
 */
export async function roster(ctx: Ctx, input: ParsedInputOf<'childcare', 'roster'>): Promise<OutputOf<'childcare', 'roster'>> {
  const { deps, now } = ctx;
  const p = await programmeOrFail(deps.store, input.programmeId);
  const date = input.date ?? shanghaiDay(now);
  const { view, oversees } = await caring(ctx, p, date);
  if (view === 'none') throw forbidden('只有当天的志愿者、场地工作人员和负责的团干部可以查看名单');
  const session = sessionOn(p, date);
  if (!session) throw notFound('这一天没有课');
  const key = deps.secrets.fieldKey;
  const [confirmed, marks] = await Promise.all([
    seated(deps.store, p._id),
    findAll(deps.store, attendance, { where: { programmeId: p._id, date }, orderBy: [['at', 'asc']] }),
  ]);
  const kids = confirmed.length
    ? new Map((await deps.store.find(children, { where: { _id: { $in: confirmed.map((e) => e.childId) } }, limit: 1000 })).items.map((c) => [c._id, c]))
    : new Map<string, ChildDoc>();
  const mark = (enrolment: string, event: 'in' | 'out') => {
    const m = marks.find((a) => a.enrolmentId === enrolment && a.event === event);
    return m ? { at: toShanghaiIso(m.at), byName: m.byName } : undefined;
  };
  const list: RosterChild[] = confirmed.flatMap((e) => {
    const c = kids.get(e.childId);
    if (!c) return [];
    const clear = openChild(c, key);
    const markIn = mark(e._id, 'in');
    const markOut = mark(e._id, 'out');
    return [
      {
        enrolmentId: e._id,
        name: view === 'masked' ? maskText(clear.name) : clear.name,
        age: ageOn(clear.birthDate, date),
        hasAllergies: clear.allergies !== undefined,
        ...(view === 'clear' && clear.allergies ? { allergies: clear.allergies } : {}),
        ...(view === 'clear' ? { emergencyPhone: clear.emergencyPhone } : {}),
        attendance: { ...(markIn ? { in: markIn } : {}), ...(markOut ? { out: markOut } : {}) },
      },
    ];
  });
  const volunteers = await sessionVolunteers(deps.store, key, p._id, date, shanghaiDay(now), oversees);
  return { programmeId: p._id, date, session, view, children: list, volunteers };
}

/**
 * The session's volunteers or the site's staff sign a confirmed child in or out, on the day. Each mark is a keyed
 * record written once: marking again changes nothing (and tells nobody again); out needs in first.
 */
export async function attend(ctx: Ctx, input: ParsedInputOf<'childcare', 'attend'>): Promise<OutputOf<'childcare', 'attend'>> {
  const { user, deps, now } = ctx;
  const e = await deps.store.get(enrolments, input.enrolmentId);
  const p = e ? await deps.store.get(programmes, e.programmeId) : null;
  if (!e || !p) throw notFound('找不到这条报名');
  const { mayMark } = await caring(ctx, p, input.date);
  if (!mayMark) throw forbidden('只有当天这一场的志愿者和场地工作人员可以签到签退');
  const session = sessionOn(p, input.date);
  if (!session) throw notFound('这一天没有课');
  if (requestStanding(e, await deps.store.get(seats, p._id)).status !== 'confirmed') throw conflict('这个孩子没有正式报名');
  const id = `${e._id}:${input.date}:${input.event}`;
  const { record, fresh, notice } = await deps.store.transaction(async (tx) => {
    const existing = await tx.get(attendance, id);
    if (existing) return { record: existing, fresh: false, notice: null };
    if (input.event === 'out' && !(await tx.get(attendance, `${e._id}:${input.date}:in`))) throw conflict('请先签到，再签退');
    const record: AttendanceDoc = {
      _id: id,
      enrolmentId: e._id,
      programmeId: p._id,
      orgId: p.orgId,
      date: input.date,
      event: input.event,
      at: now.toISOString(),
      byId: user._id,
      byName: user.displayName,
    };
    await tx.insert(attendance, record);
    if (input.event === 'in') await countChildSignIn(tx, { enrolmentId: e._id, programmeId: p._id, orgId: p.orgId, ...session, now });
    const c = await tx.get(children, e.childId);
    const name = c ? openField(c.nameEnc, deps.secrets.fieldKey) : '孩子';
    const time = toShanghaiIso(now).slice(11, 16);
    const notice: Notice = {
      title: input.event === 'in' ? '孩子已签到' : '孩子已签退',
      body: `你的孩子已于 ${time} 在「${p.title}」${input.event === 'in' ? '签到' : '签退'}（${p.site.name}）。`,
      detail: `孩子：${name}；经办：${user.displayName}`,
      link: MINE_LINK,
    };
    await notify(tx, ctx, e.guardianId, notice);
    return { record, fresh: true, notice };
  });
  if (fresh && notice) await push(deps, await deps.store.get(users, e.guardianId), notice, 'childAttendance');
  return {
    attendance: { id: record._id, enrolmentId: record.enrolmentId, date: record.date, event: record.event, at: toShanghaiIso(record.at) },
  };
}
