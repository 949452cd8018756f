import { z } from 'zod';
import type { ConsultCategory } from './consult-labels';
import { id } from './common';
import { MAX_REPORT_DAYS } from './report-labels';
import type { OpinionFigures } from './voice';

export * from './report-labels';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar day, YYYY-MM-DD, that exists. */
const day = z
  .string()
  .regex(DATE, '日期格式应为 YYYY-MM-DD')
  .refine((d) => {
    const ms = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === d;
  }, '日期不存在');

const daysBetween = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;

const period = z
  .object({ orgId: id, from: day, to: day })
  .refine((p) => p.from <= p.to, { message: '开始日期不能晚于结束日期', path: ['to'] })
  .refine((p) => daysBetween(p.from, p.to) <= MAX_REPORT_DAYS, { message: '一次最多统计两年', path: ['to'] });

export const reportsSchemas = {
  summary: period,
  export: period,
  registry: z.object({ orgId: id }),
};

/** The figures of one committee's subtree over a period. */
export interface Figures {
  visits: number;
  uniqueRiders: number;
  pointsIssued: number;
  claimsApproved: number;
  consultations: number;
  consultationsByCategory: Record<ConsultCategory, number>;
  casesOpened: number;
  casesClosed: number;
  childcareSessions: number;
  /** Hours, one decimal. */
  childHours: number;
  volunteerHours: number;
}

export interface StationFigures {
  stationId: string;
  name: string;
  orgId: string;
  visits: number;
  uniqueRiders: number;
}

export interface MonthFigures {
  /** YYYY-MM */
  month: string;
  visits: number;
  pointsIssued: number;
  consultations: number;
  casesOpened: number;
  childHours: number;
  volunteerHours: number;
}

export interface ReportSummary extends Figures {
  org: { id: string; name: string };
  from: string;
  to: string;
  /** Stations with visits in the period, most visits first (at most 1,000). */
  byStation: StationFigures[];
  /** Each month the period touches, in order. */
  trend: MonthFigures[];
  /** The committees directly below, each with its whole subtree's figures. */
  children: (Figures & { orgId: string; name: string; hasChildren: boolean })[];
  /** 团团递语 opinions, when that domain is deployed. */
  opinions?: OpinionFigures;
}

export interface Registry {
  org: { id: string; name: string };
  riders: number;
  verified: number;
  under35: number;
  /** Riders per platform they named; riders who named none are in `noPlatform`. */
  byPlatform: Record<string, number>;
  noPlatform: number;
  leagueMembers: number;
  /** Riders who gave a birth year (under35 counts among them). */
  birthYearKnown: number;
}

export interface ReportsApi {
  summary: { output: ReportSummary };
  /** `csv` (UTF-8 with BOM) where the platform keeps no files; in WeChat a temporary link to the file instead. */
  export: { output: { fileName: string; csv?: string; url?: string } };
  registry: { output: Registry };
}
