import type { DocReader } from '../core/store/docstore.port';
import { stationDays } from './collections';

export interface StationDayTotal {
  /** The day, committee or station the totals are for. */
  key: string;
  visits: number;
  points: number;
}

/**
 * Visits and check-in points on the stations' days in from…to (inclusive Shanghai days) at stations of the given
 * committees, summed per day, committee or station (at most 1,000 of them): for the committee's reports.
 */
export async function stationDayTotals(
  store: DocReader,
  orgIds: readonly string[],
  from: string,
  to: string,
  by: 'day' | 'orgId' | 'stationId',
): Promise<StationDayTotal[]> {
  if (orgIds.length === 0) return [];
  const groups = await store.group(stationDays, {
    where: { orgId: { $in: [...orgIds] }, day: { $gte: from, $lte: to } },
    groupBy: [by],
    sum: ['visits', 'points'],
    limit: 1000,
  });
  return groups.map((g) => ({ key: String(g.key[by]), visits: g.sums.visits ?? 0, points: g.sums.points ?? 0 }));
}
