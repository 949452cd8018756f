/**
 * A committee's figures over a period: the folded roll-ups (the stations' months and years and, for the days at the
 * ends of the period, the stations' days; the committees' days; the riders' visit buckets) plus the facts not folded
 * yet, read
 * between two reads of the fold mark so that a fold moving in between is noticed and the figures read again; and the
 * opinions' days (voice). Every read of the roll-ups is a grouped query; raw facts are read only past the mark.
 */
import {
  CONSULT_CATEGORIES,
  type Figures,
  type MonthFigures,
  type OutputOf,
  type ParsedInputOf,
  type Registry,
  type ReportSummary,
  type StationFigures,
} from '../../../types';
import { inOversight, oversight, subtreeIds } from '../../core/access';
import { conflict, forbidden, notFound } from '../../core/errors';
import { users } from '../../core/identity';
import type { Ctx } from '../../core/runtime';
import type { DocReader, Where } from '../../core/store/docstore.port';
import { inShanghai } from '../../core/time';
import { allOrgs } from '../../capabilities/orgs/orgs.service';
import type { OrgDoc } from '../../capabilities/orgs/collections';
import { stationsById, stationsOfOrgs } from '../../capabilities/orgs/station-directory';
import type { FigureProviders } from '../../capabilities/figures/providers';
import { ORG_DAY_COUNTS, orgDays, riderVisits, stationBuckets, stationDays, type FactDoc, type FoldMarkDoc } from '../../capabilities/figures/collections';
import { reportCsv } from './csv';
import { foldMark, unfoldedFacts } from '../../capabilities/figures/fold';
import { countUnder35, hoursOf, monthsOf, periodBuckets, roundTenth, splitPeriod } from './reports-rules';

type OrgDaySums = Record<(typeof ORG_DAY_COUNTS)[number], number>;

const zeroSums = (): OrgDaySums => Object.fromEntries(ORG_DAY_COUNTS.map((f) => [f, 0])) as OrgDaySums;

function addSums(into: OrgDaySums, sums: Partial<OrgDaySums>): OrgDaySums {
  for (const f of ORG_DAY_COUNTS) into[f] += sums[f] ?? 0;
  return into;
}

/** The committee, and the tree, after the caller's scope is checked (cadres: their subtrees; admins: all). */
async function scoped(ctx: Ctx, orgId: string): Promise<{ tree: OrgDoc[]; org: OrgDoc }> {
  const tree = await allOrgs(ctx.deps.store);
  if (!inOversight(oversight(ctx.user, tree), orgId)) throw forbidden('只能查看本团委及下级团委的数据');
  const org = tree.find((o) => o._id === orgId);
  if (!org) throw notFound('团委不存在');
  return { tree, org };
}

function figuresOf(visits: { visits: number; points: number }, sums: OrgDaySums, uniqueRiders: number): Figures {
  return {
    visits: visits.visits,
    uniqueRiders,
    pointsIssued: visits.points + sums.points,
    claimsApproved: sums.claimsApproved,
    consultations: sums.consultations,
    consultationsByCategory: Object.fromEntries(CONSULT_CATEGORIES.map((c) => [c, sums[`consult_${c}`]])) as Figures['consultationsByCategory'],
    casesOpened: sums.casesOpened,
    casesClosed: sums.casesClosed,
    childcareSessions: sums.childcareSessions,
    childHours: hoursOf(sums.childMinutes),
    volunteerHours: roundTenth(sums.volunteerHours),
  };
}

interface StationDayTotal {
  /** The day, bucket, committee or station the totals are for. */
  key: string;
  visits: number;
  points: number;
}

const total = (rows: readonly StationDayTotal[]) =>
  rows.reduce((t, r) => ({ visits: t.visits + r.visits, points: t.points + r.points }), { visits: 0, points: 0 });

interface StationTotal extends StationDayTotal {
  /** Distinct riders, from the station's month or year: meaningful only when the period is that one bucket. */
  riders: number;
}

/** Visits and check-in points on the stations' days in from…to (inclusive) at stations of the committees, per key. */
async function stationDayTotals(
  store: DocReader,
  orgIds: readonly string[],
  from: string,
  to: string,
  by: 'day' | 'orgId' | 'stationId',
): Promise<StationDayTotal[]> {
  const groups = await store.group(stationDays, {
    where: { orgId: { $in: [...orgIds] }, day: { $gte: from, $lte: to } },
    groupBy: [by],
    sum: ['visits', 'points'],
    limit: 1000,
  });
  return groups.map((g) => ({ key: String(g.key[by]), visits: g.sums.visits ?? 0, points: g.sums.points ?? 0 }));
}

/**
 * Visits and check-in points at stations of the committees, per bucket (month or year; a day counts for its month),
 * committee or station: the whole months and years of a period from the stations' buckets, the days at its ends from
 * the stations' days, and the visits not folded yet.
 */
async function stationTotals(
  store: DocReader,
  orgIds: readonly string[],
  buckets: readonly string[],
  days: readonly (readonly [string, string])[],
  by: 'bucket' | 'orgId' | 'stationId',
  pending: readonly FactDoc[],
): Promise<StationTotal[]> {
  const parts = await Promise.all([
    buckets.length
      ? store
          .group(stationBuckets, {
            where: { orgId: { $in: [...orgIds] }, bucket: { $in: [...buckets] } },
            groupBy: [by],
            sum: ['visits', 'points', 'riders'],
            limit: 1000,
          })
          .then((groups) => groups.map((g) => ({ key: String(g.key[by]), visits: g.sums.visits ?? 0, points: g.sums.points ?? 0, riders: g.sums.riders ?? 0 })))
      : [],
    ...days.map(async ([from, to]) =>
      (await stationDayTotals(store, orgIds, from, to, by === 'bucket' ? 'day' : by)).map((t) => ({
        ...t,
        key: by === 'bucket' ? t.key.slice(0, 7) : t.key,
        riders: 0,
      })),
    ),
  ]);
  const keyOf = (f: FactDoc) => (by === 'bucket' ? f.day.slice(0, 7) : by === 'orgId' ? f.orgId : (f.stationId ?? ''));
  const unfolded = pending.filter((f) => f.visits).map((f) => ({ key: keyOf(f), visits: f.visits ?? 0, points: f.visitPoints ?? 0, riders: 0 }));
  const merged = new Map<string, StationTotal>();
  for (const t of [...parts.flat(), ...unfolded]) {
    const seen = merged.get(t.key);
    merged.set(t.key, seen ? { key: t.key, visits: seen.visits + t.visits, points: seen.points + t.points, riders: seen.riders + t.riders } : t);
  }
  return [...merged.values()];
}

/** The committees' day counters over from…to, per month or committee: folded, and not folded yet. */
async function orgDaySums(
  store: DocReader,
  orgIds: readonly string[],
  from: string,
  to: string,
  by: 'month' | 'orgId',
  pending: readonly FactDoc[],
): Promise<Map<string, OrgDaySums>> {
  const groups = await store.group(orgDays, {
    where: { orgId: { $in: [...orgIds] }, day: { $gte: from, $lte: to } },
    groupBy: [by],
    sum: ORG_DAY_COUNTS,
    limit: 1000,
  });
  const sums = new Map(groups.map((g) => [String(g.key[by]), addSums(zeroSums(), g.sums)]));
  for (const f of pending) {
    const key = by === 'month' ? f.day.slice(0, 7) : f.orgId;
    sums.set(key, addSums(sums.get(key) ?? zeroSums(), f));
  }
  return sums;
}

/** Distinct riders at stations of the committees over the buckets: in all (key ''), or per station or committee. */
async function distinctRiders(store: DocReader, orgIds: readonly string[], buckets: string[], per?: 'stationId' | 'orgId'): Promise<Map<string, number>> {
  const groups = await store.countDistinct(riderVisits, {
    where: { orgId: { $in: [...orgIds] }, bucket: { $in: buckets } },
    field: 'riderId',
    ...(per ? { groupBy: [per] } : {}),
    limit: per ? 1000 : 1,
  });
  return new Map(groups.map((g) => [per ? String(g.key[per]) : '', g.distinct]));
}

/**
 * Distinct riders of each committee below: one grouped count answers every child that is a single committee; a child
 * with committees below it is counted on its own (a rider at two of its committees is one rider).
 */
async function childRiders(store: DocReader, childScopes: readonly string[][], buckets: string[]): Promise<number[]> {
  const single = childScopes.filter((ids) => ids.length === 1).flat();
  const [perOrg, ...deep] = await Promise.all([
    single.length ? distinctRiders(store, single, buckets, 'orgId') : new Map<string, number>(),
    ...childScopes.map((ids) => (ids.length > 1 ? distinctRiders(store, ids, buckets) : null)),
  ]);
  return childScopes.map((ids, i) => (ids.length === 1 ? perOrg?.get(ids[0]!) : deep[i]?.get('')) ?? 0);
}

type PendingVisit = FactDoc & { orgId: string; stationId: string; riderId: string };

/** Values one `$in` condition takes (a page of documents at most). */
const IN_CHUNK = 1000;

function chunked<T>(items: readonly T[]): T[][] {
  return Array.from({ length: Math.ceil(items.length / IN_CHUNK) }, (_, i) => items.slice(i * IN_CHUNK, (i + 1) * IN_CHUNK));
}

/** Riders among `riderIds` with a folded visit that `where` selects, counted in chunks the query can take. */
async function alreadyCounted(store: DocReader, where: Where, riderIds: readonly string[]): Promise<number> {
  const counts = await Promise.all(
    chunked(riderIds).map(
      async (ids) => (await store.countDistinct(riderVisits, { where: { ...where, riderId: { $in: ids } }, field: 'riderId', limit: 1 }))[0]?.distinct ?? 0,
    ),
  );
  return counts.reduce((a, b) => a + b, 0);
}

/** The folded rider visits, among the ids, that exist. */
async function existingVisits(store: DocReader, ids: readonly string[]): Promise<Set<string>> {
  const pages = await Promise.all(chunked(ids).map((chunk) => store.find(riderVisits, { where: { _id: { $in: chunk } }, limit: IN_CHUNK })));
  return new Set(pages.flatMap((p) => p.items.map((v) => v._id)));
}

const ridersOf = (visits: readonly PendingVisit[]) => [...new Set(visits.map((v) => v.riderId))];

/**
 * Riders of the visits not folded yet whom the folded rider visits of the period do not count already: in all, in
 * each child committee, and at each station. Each is that place's pending riders less those with a folded visit
 * there, asked of the roll-up directly (distinct counts; a station's by the visits' own keys).
 */
async function freshRiders(
  store: DocReader,
  scope: readonly string[],
  childScopes: readonly string[][],
  buckets: readonly string[],
  pending: readonly FactDoc[],
) {
  const visits = pending.filter((f): f is PendingVisit => !!(f.visits && f.riderId && f.stationId));
  const byPeriod = { bucket: { $in: [...buckets] } };
  const all = ridersOf(visits);
  const perChild = childScopes.map((ids) => {
    const inChild = new Set(ids);
    return ridersOf(visits.filter((v) => inChild.has(v.orgId)));
  });
  const pairs = [...new Set(visits.map((v) => `${v.stationId}:${v.riderId}`))];
  const [seen, seenPerChild, folded] = await Promise.all([
    alreadyCounted(store, { orgId: { $in: [...scope] }, ...byPeriod }, all),
    Promise.all(childScopes.map((ids, i) => alreadyCounted(store, { orgId: { $in: ids }, ...byPeriod }, perChild[i]!))),
    existingVisits(
      store,
      pairs.flatMap((pair) => buckets.map((b) => `${b}:${pair}`)),
    ),
  ]);
  const byStation = new Map<string, number>();
  for (const pair of pairs) {
    if (buckets.some((b) => folded.has(`${b}:${pair}`))) continue;
    const stationId = pair.slice(0, pair.indexOf(':'));
    byStation.set(stationId, (byStation.get(stationId) ?? 0) + 1);
  }
  return { all: all.length - seen, byChild: perChild.map((riders, i) => riders.length - seenPerChild[i]!), byStation };
}

/** A fold moving while a report reads makes it read again, a few times at most. */
const READS = 4;

/** The figures, read between two reads of the fold mark, and again when a fold moved in between. */
export async function buildSummary(
  store: DocReader,
  figures: FigureProviders,
  tree: readonly OrgDoc[],
  org: OrgDoc,
  from: string,
  to: string,
): Promise<ReportSummary> {
  for (let read = 1; ; read++) {
    const mark = await foldMark(store);
    const summary = await summaryAt(store, figures, tree, org, from, to, mark);
    if ((await foldMark(store)).version === mark.version) return summary;
    if (read >= READS) throw conflict('数据正在更新，请稍后再试');
  }
}

async function summaryAt(
  store: DocReader,
  figures: FigureProviders,
  tree: readonly OrgDoc[],
  org: OrgDoc,
  from: string,
  to: string,
  mark: FoldMarkDoc,
): Promise<ReportSummary> {
  const scope = subtreeIds(tree, org._id);
  const children = tree.filter((o) => o.parentId === org._id);
  const childScopes = children.map((c) => subtreeIds(tree, c._id));
  const buckets = periodBuckets(from, to);
  const { months, days } = splitPeriod(from, to);
  const longBuckets = buckets.filter((b) => b.length < 10);
  const pending = (await unfoldedFacts(store, mark, scope)).filter((f) => f.day >= from && f.day <= to);
  const [byMonth, byOrg, byStation, orgByMonth, orgByOrg, riders, ridersByStation, ridersByChild, opinions, fresh] = await Promise.all([
    stationTotals(store, scope, months, days, 'bucket', pending),
    stationTotals(store, scope, longBuckets, days, 'orgId', pending),
    stationTotals(store, scope, longBuckets, days, 'stationId', pending),
    orgDaySums(store, scope, from, to, 'month', pending),
    orgDaySums(store, scope, from, to, 'orgId', pending),
    distinctRiders(store, scope, buckets),
    // A period that is one month or one year has each station's distinct riders on the station's bucket.
    buckets.length === 1 && longBuckets.length === 1 ? null : distinctRiders(store, scope, buckets, 'stationId'),
    childRiders(store, childScopes, buckets),
    figures.opinions(store, scope, from, to),
    freshRiders(store, scope, childScopes, buckets, pending),
  ]);

  const sums = [...orgByMonth.values()].reduce(addSums, zeroSums());
  const names = await stationsById(
    store,
    byStation.map((s) => s.key),
  );
  const stations: StationFigures[] = byStation
    .map((s) => ({
      stationId: s.key,
      name: names.get(s.key)?.name ?? '已删除的驿站',
      orgId: names.get(s.key)?.orgId ?? '',
      visits: s.visits,
      uniqueRiders: (ridersByStation ? (ridersByStation.get(s.key) ?? 0) : s.riders) + (fresh.byStation.get(s.key) ?? 0),
    }))
    .sort((a, b) => b.visits - a.visits || b.uniqueRiders - a.uniqueRiders || a.name.localeCompare(b.name, 'zh'));

  const trend: MonthFigures[] = monthsOf(from, to).map((month) => {
    const visits = total(byMonth.filter((m) => m.key === month));
    const m = orgByMonth.get(month) ?? zeroSums();
    return {
      month,
      visits: visits.visits,
      pointsIssued: visits.points + m.points,
      consultations: m.consultations,
      casesOpened: m.casesOpened,
      childHours: hoursOf(m.childMinutes),
      volunteerHours: roundTenth(m.volunteerHours),
    };
  });

  return {
    org: { id: org._id, name: org.name },
    from,
    to,
    ...figuresOf(total(byMonth), sums, (riders.get('') ?? 0) + fresh.all),
    byStation: stations,
    trend,
    children: children.map((child, i) => {
      const ids = new Set(childScopes[i]);
      const childSums = [...orgByOrg].filter(([id]) => ids.has(id)).reduce((s, [, v]) => addSums(s, v), zeroSums());
      return {
        orgId: child._id,
        name: child.name,
        hasChildren: tree.some((o) => o.parentId === child._id),
        ...figuresOf(total(byOrg.filter((o) => ids.has(o.key))), childSums, (ridersByChild[i] ?? 0) + (fresh.byChild[i] ?? 0)),
      };
    }),
    opinions,
  };
}

export async function summary(ctx: Ctx, figures: FigureProviders, input: ParsedInputOf<'reports', 'summary'>): Promise<OutputOf<'reports', 'summary'>> {
  const { tree, org } = await scoped(ctx, input.orgId);
  return buildSummary(ctx.deps.store, figures, tree, org, input.from, input.to);
}

/** The period as CSV: returned as text, or where the platform keeps files, saved there and linked for a while. */
export async function exportCsv(ctx: Ctx, figures: FigureProviders, input: ParsedInputOf<'reports', 'export'>): Promise<OutputOf<'reports', 'export'>> {
  const { deps, now } = ctx;
  const { tree, org } = await scoped(ctx, input.orgId);
  const [report, stations] = await Promise.all([
    buildSummary(deps.store, figures, tree, org, input.from, input.to),
    stationsOfOrgs(deps.store, subtreeIds(tree, org._id)),
  ]);
  const orgNames = new Map(tree.map((o) => [o._id, o.name]));
  const csv = reportCsv(
    report,
    stations.map((s) => ({ id: s._id, name: s.name, orgName: orgNames.get(s.orgId) ?? '' })),
    orgNames,
    inShanghai(now).format('YYYY-MM-DD HH:mm'),
  );
  const fileName = `骑士驿站数据-${org.name}-${input.from}至${input.to}.csv`;
  const files = deps.storage;
  if (!files?.upload || !files.tempUrl) return { fileName, csv };
  const fileId = await files.upload(`reports/${org._id}/${input.from}_${input.to}_${deps.newId()}.csv`, Buffer.from(csv, 'utf8'));
  return { fileName, url: await files.tempUrl(fileId) };
}

/** 摸清底数: the riders whose home committee is in the subtree, counted from their profiles with grouped queries. */
export async function registry(ctx: Ctx, input: ParsedInputOf<'reports', 'registry'>): Promise<OutputOf<'reports', 'registry'>> {
  const { deps, now } = ctx;
  const { tree, org } = await scoped(ctx, input.orgId);
  const scope = subtreeIds(tree, org._id);
  const counts = async (field: 'verified' | 'platform' | 'birthYear' | 'leagueMember') => {
    const counted = new Map<string | number | boolean | null, number>();
    for (let i = 0; i < scope.length; i += 100) {
      const groups = await deps.store.group(users, { where: { orgId: { $in: scope.slice(i, i + 100) } }, groupBy: [field], limit: 1000 });
      for (const g of groups) counted.set(g.key[field] ?? null, (counted.get(g.key[field] ?? null) ?? 0) + g.count);
    }
    return counted;
  };
  const [verified, platforms, birthYears, league] = await Promise.all([counts('verified'), counts('platform'), counts('birthYear'), counts('leagueMember')]);
  const riders = [...verified.values()].reduce((n, c) => n + c, 0);
  const named = [...platforms].filter((e): e is [string, number] => typeof e[0] === 'string').sort((a, b) => b[1] - a[1]);
  const years = [...birthYears].flatMap(([year, n]) => (typeof year === 'number' ? [{ year, riders: n }] : []));
  const out: Registry = {
    org: { id: org._id, name: org.name },
    riders,
    verified: verified.get(true) ?? 0,
    under35: countUnder35(years, inShanghai(now).year()),
    byPlatform: Object.fromEntries(named),
    noPlatform: riders - named.reduce((n, [, c]) => n + c, 0),
    leagueMembers: league.get(true) ?? 0,
    birthYearKnown: years.reduce((n, y) => n + y.riders, 0),
  };
  return out;
}
