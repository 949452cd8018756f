/** People: what their roles are called and the platforms riders ride for. Zod-free, so pages import them. */
import type { Role } from './common';

export const ROLE_LABELS: Record<Role, string> = {
  rider: '骑手',
  staff: '驿站工作人员',
  cadre: '团干部',
  admin: '管理员',
  counsellor: '咨询师',
  volunteer: '志愿者',
};

/** Platforms the verification form and the profile offer. */
export const RIDER_PLATFORMS = ['美团', '饿了么', '顺丰', '京东', '中通', '圆通', '韵达', '申通', '极兔', '其他'] as const;
