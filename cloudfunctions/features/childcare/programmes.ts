/** Programmes: a cadre creates one; anyone finds them near a place or for a child's age, and reads one. */
import type { OutputOf, ParsedInputOf } from '../../../types';
import { isCadreOf } from '../../core/access';
import { forbidden, invalid, notFound } from '../../core/errors';
import type { Ctx } from '../../core/runtime';
import { newSeats } from '../../capabilities/seating/seating';
import { geoPoint } from '../../core/store/docstore.port';
import { shanghaiDay } from '../../core/time';
import { allOrgs, getOrg } from '../../capabilities/orgs/orgs.service';
import { getStation } from '../../capabilities/orgs/station-directory';
import { sortSessions } from './childcare-rules';
import { seats } from './collections';
import { programmes, type ProgrammeDoc } from '../../capabilities/programmes/collections';
import { programmeOrFail, seatsOf, toProgramme } from './views';

const NEAR_DEFAULT_M = 20_000;
/** Candidates read when an age filter is applied after the query. */
const AGE_FILTER_READ = 200;

/** A cadre (or an admin) publishes a programme for a committee in scope; its seats document starts empty. */
export async function createProgramme(ctx: Ctx, input: ParsedInputOf<'childcare', 'createProgramme'>): Promise<OutputOf<'childcare', 'createProgramme'>> {
  const { user, deps, now } = ctx;
  if (!isCadreOf(user, await allOrgs(deps.store), input.orgId)) throw forbidden('只能为自己管辖的团委开设骑士班');
  if (!(await getOrg(deps.store, input.orgId))) throw notFound('团委不存在');
  if (input.site.stationId && !(await getStation(deps.store, input.site.stationId))) throw notFound('所选驿站不存在');
  const sessions = sortSessions(input.sessions);
  const firstDate = sessions[0]!.date;
  const lastDate = sessions[sessions.length - 1]!.date;
  if (firstDate < shanghaiDay(now)) throw invalid('上课日期不能早于今天');
  if (Date.parse(input.signupCloses) > Date.parse(`${lastDate}T${sessions[sessions.length - 1]!.start}:00+08:00`)) {
    throw invalid('报名截止时间应早于最后一次课开始');
  }
  const doc: ProgrammeDoc = {
    _id: deps.newId(),
    title: input.title,
    orgId: input.orgId,
    ...(input.description ? { description: input.description } : {}),
    site: { name: input.site.name, address: input.site.address, ...(input.site.stationId ? { stationId: input.site.stationId } : {}) },
    location: geoPoint(input.site.location),
    ageMin: input.ageMin,
    ageMax: input.ageMax,
    capacity: input.capacity,
    signupOpens: new Date(input.signupOpens).toISOString(),
    signupCloses: new Date(input.signupCloses).toISOString(),
    requiresReview: input.requiresReview,
    volunteersPerSession: input.volunteersPerSession,
    sessions: sessions.map((s) => ({ date: s.date, start: s.start, end: s.end, course: s.course })),
    firstDate,
    lastDate,
    createdBy: user._id,
    createdAt: now.toISOString(),
  };
  const held = newSeats(doc._id, doc.capacity);
  await deps.store.transaction(async (tx) => {
    await tx.insert(programmes, doc);
    await tx.insert(seats, held);
  });
  return { programme: toProgramme(doc, held, now) };
}

/**
 * Programmes not yet over: near a point (nearest first, within the radius) or by date, of one committee or all,
 * for a child of an age when given (filtered after the query: the age range is two fields).
 */
export async function list(ctx: Ctx, input: ParsedInputOf<'childcare', 'programmes'>): Promise<OutputOf<'childcare', 'programmes'>> {
  const { deps, now } = ctx;
  const where = { lastDate: { $gte: shanghaiDay(now) }, ...(input.orgId ? { orgId: input.orgId } : {}) };
  const fits = (p: ProgrammeDoc) => input.age === undefined || (input.age >= p.ageMin && input.age <= p.ageMax);
  let found: { doc: ProgrammeDoc; distanceM?: number }[];
  let cursor: string | undefined;
  if (input.lat !== undefined && input.lng !== undefined) {
    const near = await deps.store.near(programmes, {
      center: { lat: input.lat, lng: input.lng },
      maxDistanceM: input.radiusM ?? NEAR_DEFAULT_M,
      where,
      limit: input.age === undefined ? input.limit : AGE_FILTER_READ,
    });
    found = near.filter((n) => fits(n.doc)).slice(0, input.limit);
  } else {
    const page = await deps.store.find(programmes, {
      where,
      orderBy: [['firstDate', 'asc']],
      limit: input.limit,
      ...(input.cursor ? { cursor: input.cursor } : {}),
    });
    found = page.items.filter(fits).map((doc) => ({ doc }));
    cursor = page.cursor;
  }
  const held = await seatsOf(
    deps.store,
    found.map((f) => f.doc._id),
  );
  return {
    programmes: found.map((f) => toProgramme(f.doc, held.get(f.doc._id), now, f.distanceM)),
    ...(cursor ? { cursor } : {}),
  };
}

export async function get(ctx: Ctx, input: ParsedInputOf<'childcare', 'programme'>): Promise<OutputOf<'childcare', 'programme'>> {
  const p = await programmeOrFail(ctx.deps.store, input.id);
  const held = await ctx.deps.store.get(seats, p._id);
  return { programme: toProgramme(p, held ?? undefined, ctx.now) };
}
