/** Committees: what each level is called. Zod-free, so pages import it. */
import type { OrgKind } from './common';

export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  district: '县（区）',
  town: '镇（街道）',
  industry: '行业',
  community: '村（社区）',
};
