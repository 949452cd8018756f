import type { Role } from '../../types/common';
import { PAGES } from '../../types/pages';

/** Where an entry shows: the 服务 grid of the 签到 tab, or the cadre workbench of the 办事 tab. */
export type ServicePlace = 'services' | 'workbench';

export interface Service {
  /** Names the entry's cell (`service-cell--<key>`). */
  key: string;
  label: string;
  hint: string;
  url: string;
  place: ServicePlace;
  /** Who sees it; everyone when absent. */
  roles?: readonly Role[];
}

const STAFF_AND_CADRES: readonly Role[] = ['staff', 'cadre', 'admin'];
const CADRES: readonly Role[] = ['cadre', 'admin'];

/** Every way into a feature from the tab pages, in the order shown. */
export const SERVICES: readonly Service[] = [
  { key: 'consult', label: '12355 咨询', hint: '法律、心理、劳动权益', url: PAGES.consult.index, place: 'services' },
  { key: 'childcare', label: '骑士班', hint: '子女假期和放学后托管', url: PAGES.childcare.programmes, place: 'services' },
  { key: 'childcare-mine', label: '我的报名', hint: '骑士班报名和签到', url: PAGES.childcare.mine, place: 'services' },
  { key: 'volunteer', label: '志愿服务', hint: '报名、时长和排班', url: PAGES.volunteer.home, place: 'services' },
  { key: 'voice', label: '骑手心声', hint: '微心愿、团团递语、最美骑手', url: PAGES.voice.home, place: 'services' },
  { key: 'activities', label: '活动 · 爱心餐', hint: '本周活动、爱心餐、关爱礼包', url: PAGES.activities.index, place: 'services' },
  { key: 'points-rewards', label: '兑换奖品', hint: '用积分换礼品，查看取货码', url: PAGES.points.rewards, place: 'services' },
  { key: 'points-claim', label: '积分申领', hint: '帮办代办、隐患上报、活动参与', url: PAGES.points.claim, place: 'services' },
  { key: 'points-ledger', label: '积分明细', hint: '每一笔积分的来去', url: PAGES.points.ledger, place: 'services' },
  { key: 'points-leaderboard', label: '排行榜', hint: '本月之星和团委榜单', url: PAGES.points.leaderboard, place: 'services' },
  { key: 'activities-scan', label: '活动扫码 / 核销', hint: '活动签到、爱心餐核销', url: PAGES.activities.scan, place: 'services', roles: STAFF_AND_CADRES },
  { key: 'consult-cases', label: '个案办理', hint: '精准递援个案的接办和进展', url: PAGES.consult.cases, place: 'workbench', roles: ['cadre'] },
  { key: 'voice-answer', label: '答复递语', hint: '团团递语待答复，可公开答复', url: PAGES.voice.answer, place: 'workbench', roles: CADRES },
  { key: 'reports', label: '数据', hint: '服务人次、咨询、托管和志愿时长', url: PAGES.reports.figures, place: 'workbench', roles: CADRES },
  { key: 'activities-create', label: '发布活动', hint: '活动、爱心餐的时间和名额', url: PAGES.activities.create, place: 'workbench', roles: CADRES },
  { key: 'childcare-create', label: '开设骑士班', hint: '班次、名额和志愿者', url: PAGES.childcare.create, place: 'workbench', roles: CADRES },
  { key: 'admin', label: '管理后台', hint: '团委、驿站、积分奖品', url: PAGES.admin.home, place: 'workbench', roles: CADRES },
];

/** The entries `roles` see at `place`; a user without roles is a rider. */
export function servicesFor(roles: readonly Role[], place: ServicePlace): Service[] {
  return SERVICES.filter((s) => s.place === place && (!s.roles || s.roles.some((r) => roles.includes(r))));
}
