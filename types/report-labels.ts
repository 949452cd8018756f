/**
 * The figures of a committee's report as the client and the CSV name and explain them. Zod-free, so pages import
 * them without the schemas.
 */

/** The figures every report carries, in the order they are shown. */
export const FIGURE_KEYS = [
  'visits',
  'uniqueRiders',
  'pointsIssued',
  'claimsApproved',
  'consultations',
  'casesOpened',
  'casesClosed',
  'childcareSessions',
  'childHours',
  'volunteerHours',
] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

export const FIGURES: Record<FigureKey, { name: string; unit: string; counts: string }> = {
  visits: { name: '驿站服务人次', unit: '人次', counts: '时段内在本团委及下级团委驿站扫码签到的次数' },
  uniqueRiders: { name: '服务骑手', unit: '人', counts: '时段内到过这些驿站的不同骑手人数，同一骑手只算一次' },
  pointsIssued: { name: '发放积分', unit: '分', counts: '驿站签到积分与审核通过的申领积分之和（兑换扣减不计）' },
  claimsApproved: { name: '通过积分申领', unit: '件', counts: '本团委审核通过的积分申领件数' },
  consultations: { name: '完成咨询', unit: '次', counts: '本团委咨询师完成的 12355 咨询次数' },
  casesOpened: { name: '转办个案', unit: '件', counts: '转到本团委办理的精准递援个案' },
  casesClosed: { name: '办结个案', unit: '件', counts: '本团委办结（含未接办而关闭）的个案' },
  childcareSessions: { name: '托管课次', unit: '场', counts: '至少有一名孩子签到的托管课次' },
  childHours: { name: '托管时长', unit: '人·小时', counts: '每名签到孩子按该场课时长累计' },
  volunteerHours: { name: '志愿服务时长', unit: '小时', counts: '志愿者签退后认定的服务时长' },
};

export const REGISTRY_FIGURES = {
  riders: { name: '骑手总数', counts: '所属团委为本团委及下级团委的骑手' },
  verified: { name: '已认证', counts: '通过骑手认证的人数' },
  under35: { name: '35 岁及以下', counts: '按填写的出生年份计算，未填写的不计入' },
  leagueMembers: { name: '共青团员', counts: '自己填写为共青团员的人数' },
} as const;

/** The most days one report covers (two years and a day). */
export const MAX_REPORT_DAYS = 732;
