/**
 * Points: claim kinds, leaderboards, ledger reasons and redemption statuses with what people call them. Zod-free:
 * pages import them without the schemas, and the functions take their wording from here too.
 */

export const CLAIM_KINDS = ['errand', 'hazard', 'event'] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export const CLAIM_KIND_LABELS: Record<ClaimKind, string> = { errand: '帮办代办', hazard: '安全隐患上报', event: '活动参与' };

export const BOARD_CATEGORIES = ['checkins', 'hazards', 'service'] as const;
export type BoardCategory = (typeof BOARD_CATEGORIES)[number];
export const STAR_TITLES = { checkins: '业务之星', hazards: '文明之星', service: '志愿之星' } as const;

/** Why points came or went, as the ledger shows it; the functions write these reasons. */
export const LEDGER_REASON_LABELS = {
  checkin: '签到',
  claim: '积分申领',
  reward: '兑换奖品',
  activity: '活动签到',
} as const;
export type LedgerReason = keyof typeof LEDGER_REASON_LABELS;

export const REDEMPTION_STATUS_LABELS = { ready: '待领取', collected: '已领取' } as const;
export type RedemptionStatus = keyof typeof REDEMPTION_STATUS_LABELS;
