/**
 * A committee's figures over a period, read from roll-ups only: the stations' days (checkin), the committees' days
 * and the riders' visit buckets (this domain), and the opinions' days (voice). A month of a county reads its
 * days × stations documents through a few grouped queries; no raw event is scanned.
 */
import { CONSULT_CATEGORIES, type Figures, type MonthFigures, type OutputOf, type ParsedInputOf, type Registry, type ReportSummary, type StationFigures } from '../../types';
import { stationDayTotals, type StationDayTotal } from '../checkin/station-days';
import { inOversight, oversight, subtreeIds } from '../core/access';
import { forbidden, notFound } from '../core/errors';
import type { Ctx } from '../core/runtime';
import type { DocReader } from '../core/store/docstore.port';
import { inShanghai, toShanghaiIso } from '../core/time';
import { allOrgs } from '../orgs/orgs.service';
import type { OrgDoc } from '../orgs/collections';
import { stationsById, stationsOfOrgs } from '../stations/stations-by-id';
import { opinionFigures } from '../voice/opinions';
import { orgDays, registries, riderVisits, type RegistryDoc } from './collections';
import { reportCsv } from './csv';
import { countUnder35, hoursOf, monthsOf, periodBuckets, roundTenth } from './reports-rules';
import { emptyRegistry } from './rollups';

const ORG_DAY_FIELDS = [
  'points',
  'claimsApproved',
  'consultations',
  'casesOpened',
  'casesClosed',
  'childcareSessions',
  'childMinutes',
  'volunteerHours',
  ...CONSULT_CATEGORIES.map((c) => `consult_${c}` as const),
] as const;
type OrgDaySums = Record<(typeof ORG_DAY_FIELDS)[number], number>;

const zeroSums = (): OrgDaySums => Object.fromEntries(ORG_DAY_FIELDS.map((f) => [f, 0])) as OrgDaySums;

function addSums(into: OrgDaySums, sums: Partial<Record<string, number>>): OrgDaySums {
  for (const f of ORG_DAY_FIELDS) into[f] += sums[f] ?? 0;
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

const total = (rows: readonly StationDayTotal[]) => rows.reduce((t, r) => ({ visits: t.visits + r.visits, points: t.points + r.points }), { visits: 0, points: 0 });

async function orgDaySums(store: DocReader, orgIds: readonly string[], from: string, to: string, by: 'month' | 'orgId'): Promise<Map<string, OrgDaySums>> {
  const groups = await store.group(orgDays, {
    where: { orgId: { $in: [...orgIds] }, day: { $gte: from, $lte: to } },
    groupBy: [by],
    sum: ORG_DAY_FIELDS,
    limit: 1000,
  });
  return new Map(groups.map((g) => [String(g.key[by]), addSums(zeroSums(), g.sums)]));
}

/** Distinct riders at stations of the committees over the buckets, in all or per station. */
async function distinctRiders(store: DocReader, orgIds: readonly string[], buckets: string[], perStation = false): Promise<Map<string, number>> {
  const groups = await store.countDistinct(riderVisits, {
    where: { orgId: { $in: [...orgIds] }, bucket: { $in: buckets } },
    field: 'riderId',
    ...(perStation ? { groupBy: ['stationId'] } : {}),
    limit: perStation ? 1000 : 1,
  });
  return new Map(groups.map((g) => [perStation ? String(g.key.stationId) : '', g.distinct]));
}

export async function buildSummary(store: DocReader, tree: readonly OrgDoc[], org: OrgDoc, from: string, to: string): Promise<ReportSummary> {
  const scope = subtreeIds(tree, org._id);
  const children = tree.filter((o) => o.parentId === org._id);
  const childScopes = children.map((c) => subtreeIds(tree, c._id));
  const buckets = periodBuckets(from, to);
  const [byDay, byOrg, byStation, orgByMonth, orgByOrg, riders, ridersByStation, childRiders, opinions] = await Promise.all([
    stationDayTotals(store, scope, from, to, 'day'),
    stationDayTotals(store, scope, from, to, 'orgId'),
    stationDayTotals(store, scope, from, to, 'stationId'),
    orgDaySums(store, scope, from, to, 'month'),
    orgDaySums(store, scope, from, to, 'orgId'),
    distinctRiders(store, scope, buckets),
    distinctRiders(store, scope, buckets, true),
    Promise.all(childScopes.map((ids) => distinctRiders(store, ids, buckets))),
    opinionFigures(store, scope, from, to),
  ]);

  const sums = [...orgByMonth.values()].reduce(addSums, zeroSums());
  const names = await stationsById(store, byStation.map((s) => s.key));
  const stations: StationFigures[] = byStation
    .map((s) => ({
      stationId: s.key,
      name: names.get(s.key)?.name ?? '已删除的驿站',
      orgId: names.get(s.key)?.orgId ?? '',
      visits: s.visits,
      uniqueRiders: ridersByStation.get(s.key) ?? 0,
    }))
    .sort((a, b) => b.visits - a.visits || b.uniqueRiders - a.uniqueRiders || a.name.localeCompare(b.name, 'zh'));

  const trend: MonthFigures[] = monthsOf(from, to).map((month) => {
    const visits = total(byDay.filter((d) => d.key.startsWith(month)));
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
    ...figuresOf(total(byDay), sums, riders.get('') ?? 0),
    byStation: stations,
    trend,
    children: children.map((child, i) => {
      const ids = new Set(childScopes[i]);
      const childSums = [...orgByOrg].filter(([id]) => ids.has(id)).reduce((s, [, v]) => addSums(s, v), zeroSums());
      return {
        orgId: child._id,
        name: child.name,
        hasChildren: tree.some((o) => o.parentId === child._id),
        ...figuresOf(total(byOrg.filter((o) => ids.has(o.key))), childSums, childRiders[i]?.get('') ?? 0),
      };
    }),
    opinions,
  };
}

export async function summary(ctx: Ctx, input: ParsedInputOf<'reports', 'summary'>): Promise<OutputOf<'reports', 'summary'>> {
  const { tree, org } = await scoped(ctx, input.orgId);
  return buildSummary(ctx.deps.store, tree, org, input.from, input.to);
}

/** The period as CSV: returned as text, or where the platform keeps files, saved there and linked for a while. */
export async function exportCsv(ctx: Ctx, input: ParsedInputOf<'reports', 'export'>): Promise<OutputOf<'reports', 'export'>> {
  const { deps, now } = ctx;
  const { tree, org } = await scoped(ctx, input.orgId);
  const [report, stations] = await Promise.all([
    buildSummary(deps.store, tree, org, input.from, input.to),
    stationsOfOrgs(deps.store, subtreeIds(tree, org._id)),
  ]);
  const orgNames = new Map(tree.map((o) => [o._id, o.name]));
  const csv = reportCsv(report, stations.map((s) => ({ id: s._id, name: s.name, orgName: orgNames.get(s.orgId) ?? '' })), orgNames, toShanghaiIso(now));
  const fileName = `骑士驿站数据-${org.name}-${input.from}至${input.to}.csv`;
  const files = deps.storage;
  if (!files?.upload || !files.tempUrl) return { fileName, csv };
  const fileId = await files.upload(`reports/${org._id}/${input.from}_${input.to}_${deps.newId()}.csv`, Buffer.from(csv, 'utf8'));
  return { fileName, url: await files.tempUrl(fileId) };
}

/** 摸清底数: the riders whose home committee is in the subtree, from the per-committee registry roll-ups. */
export async function registry(ctx: Ctx, input: ParsedInputOf<'reports', 'registry'>): Promise<OutputOf<'reports', 'registry'>> {
  const { deps, now } = ctx;
  const { tree, org } = await scoped(ctx, input.orgId);
  const scope = subtreeIds(tree, org._id);
  const sum = emptyRegistry(org._id);
  for (let i = 0; i < scope.length; i += 100) {
    const page = await deps.store.find(registries, { where: { _id: { $in: scope.slice(i, i + 100) } }, limit: 100 });
    for (const doc of page.items) addRegistry(sum, doc);
  }
  const byPlatform = Object.fromEntries(sum.platforms.sort((a, b) => b.riders - a.riders).map((p) => [p.name, p.riders]));
  const named = sum.platforms.reduce((n, p) => n + p.riders, 0);
  const out: Registry = {
    org: { id: org._id, name: org.name },
    riders: sum.riders,
    verified: sum.verified,
    under35: countUnder35(sum.birthYears, inShanghai(now).year()),
    byPlatform,
    noPlatform: sum.riders - named,
    leagueMembers: sum.leagueMembers,
    birthYearKnown: sum.birthYears.reduce((n, y) => n + y.riders, 0),
  };
  return out;
}

function addRegistry(into: RegistryDoc, doc: RegistryDoc): void {
  into.riders += doc.riders;
  into.verified += doc.verified;
  into.leagueMembers += doc.leagueMembers;
  for (const p of doc.platforms) {
    const found = into.platforms.find((e) => e.name === p.name);
    if (found) found.riders += p.riders;
    else into.platforms.push({ ...p });
  }
  for (const y of doc.birthYears) {
    const found = into.birthYears.find((e) => e.year === y.year);
    if (found) found.riders += y.riders;
    else into.birthYears.push({ ...y });
  }
}
