/**
 * A report as CSV that Excel on Windows opens as it is: UTF-8 with a byte-order mark (or Chinese turns to mojibake),
 * CRLF line ends, and text cells that could start a formula (=, +, -, @, tab, CR) led by an apostrophe.
 */
import { CATEGORY_NAMES, CONSULT_CATEGORIES, FIGURE_KEYS, FIGURES, type ReportSummary } from '../../../types';

type Cell = string | number;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: Cell): string {
  if (typeof value === 'number') return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly Cell[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** The summary block, one row per station of the subtree (also those without visits), the committees below and the months. */
export function reportCsv(
  r: ReportSummary,
  stations: readonly { id: string; name: string; orgName: string }[],
  orgNames: ReadonlyMap<string, string>,
  generatedAt: string,
): string {
  const figures = new Map(r.byStation.map((s) => [s.stationId, s]));
  const rows: Cell[][] = [
    ['骑士驿站数据报表'],
    ['团委', r.org.name],
    ['时段', `${r.from} 至 ${r.to}`],
    ['生成时间', generatedAt],
    [],
    ['指标', '数值', '单位', '说明'],
    ...FIGURE_KEYS.map((k) => [FIGURES[k].name, r[k], FIGURES[k].unit, FIGURES[k].counts]),
    ...CONSULT_CATEGORIES.map((c) => [`咨询：${CATEGORY_NAMES[c]}`, r.consultationsByCategory[c], '次', `完成咨询中${CATEGORY_NAMES[c]}类的次数`]),
    [],
    ['驿站', '所属团委', '服务人次', '服务骑手'],
    ...[...stations]
      .map((s) => ({ ...s, visits: figures.get(s.id)?.visits ?? 0, riders: figures.get(s.id)?.uniqueRiders ?? 0 }))
      .sort((a, b) => b.visits - a.visits || a.name.localeCompare(b.name, 'zh'))
      .map((s) => [s.name, s.orgName, s.visits, s.riders]),
    // Stations with visits that are no longer in the subtree (moved or removed) still add up to the total.
    ...r.byStation.filter((s) => !stations.some((st) => st.id === s.stationId)).map((s) => [s.name, orgNames.get(s.orgId) ?? '', s.visits, s.uniqueRiders]),
  ];
  if (r.children.length) {
    rows.push([], ['下级团委', ...FIGURE_KEYS.map((k) => FIGURES[k].name)]);
    for (const c of r.children) rows.push([c.name, ...FIGURE_KEYS.map((k) => c[k])]);
  }
  rows.push([], ['月份', '服务人次', '发放积分', '完成咨询', '转办个案', '托管时长', '志愿服务时长']);
  for (const m of r.trend) rows.push([m.month, m.visits, m.pointsIssued, m.consultations, m.casesOpened, m.childHours, m.volunteerHours]);
  return toCsv(rows);
}
