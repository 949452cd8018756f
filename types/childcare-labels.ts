/** Childcare (骑士班) constants the mini-program and the functions share; zod-free, so pages can import them. */

/** The guardian consent notice for children's personal information; a new text gets a new version. */
export const CHILD_CONSENT_VERSION = '2026-01';

export const CHILD_CONSENT_TEXT = [
  '为了给孩子报名骑士班，我们需要收集孩子的姓名、出生日期、学校、过敏情况和紧急联系电话。',
  '这些信息加密保存，只有你本人可以查看完整内容；上课当天，该场次的志愿者、场地工作人员和负责的团干部可以看到孩子的姓名、过敏提示和当场的紧急联系电话，用于签到签退和照护。',
  '信息仅用于骑士班的报名、照护和联系，不会用于其他用途。你可以不同意，不同意时我们不会保存任何信息。',
] as const;

/** The courses a cadre picks from when building a programme's menu (free text is allowed too). */
export const COURSE_SUGGESTIONS = ['国际象棋', '围棋', '武术', '街舞', '烘焙', '作业辅导', '阅读', '绘画', '书法', '科学实验', '篮球', '编程'] as const;

export const ENROLMENT_STATUSES = ['confirmed', 'waitlisted', 'pending', 'cancelled'] as const;
export type EnrolmentStatus = (typeof ENROLMENT_STATUSES)[number];

export const ENROLMENT_STATUS_LABELS: Record<EnrolmentStatus, string> = {
  confirmed: '已确认',
  waitlisted: '候补中',
  pending: '审核中',
  cancelled: '已取消',
};

export type SignupState = 'upcoming' | 'open' | 'closed';

export const SIGNUP_STATE_LABELS: Record<SignupState, string> = {
  upcoming: '未开始报名',
  open: '报名中',
  closed: '报名已截止',
};

export const PROGRAMME_LIMITS = {
  ageMin: 3,
  ageMax: 16,
  capacityMax: 200,
  sessionsMax: 60,
  /** The waitlist is bounded so the programme's seats document stays small. */
  waitlistMax: 300,
  childrenPerGuardian: 6,
  /** Volunteers a session takes, unless the programme says otherwise. */
  volunteersPerSession: 3,
  volunteersPerSessionMax: 20,
} as const;
