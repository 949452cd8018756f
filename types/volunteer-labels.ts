/** Volunteer constants the mini-program and the functions share; zod-free. */

/** A certificate expiring within this many days is flagged to the volunteer and the cadre. */
export const CERT_WARNING_DAYS = 30;

export const SKILL_SUGGESTIONS = ['作业辅导', '急救', '体育', '美术', '音乐', '棋类', '手工', '心理陪伴', '外语'] as const;

export const CERTIFICATE_SUGGESTIONS = ['急救证', '教师资格证', '心理咨询证', '体育指导员证', '健康证'] as const;

export const VOLUNTEER_STATUS_LABELS = { none: '未申请', applied: '审核中', approved: '已是志愿者' } as const;
export type VolunteerStatus = keyof typeof VOLUNTEER_STATUS_LABELS;

/** Hours are credited only for at least this share of the session, in steps of half an hour. */
export const HOURS_MIN_SHARE = 0.6;
