/**
 * Every kind of WeChat subscribe message the functions send. Each kind has its own template, chosen by the
 * administrator in the mini-program's console and given as `RIDER_HUB_TEMPLATE_<KIND>` (to the functions when they
 * are deployed, to the mini-program when it is built): the template id, optionally followed by `:` and the
 * template's two `thing` keys for title and body (default `thing1,thing2`). A kind without a template is not pushed
 * (the in-app inbox still gets every message) and not asked for.
 */
export const PUSH_KINDS = [
  'reviewDecided',
  'consultBooking',
  'consultReminder',
  'caseUpdate',
  'enrolmentPromoted',
  'childAttendance',
  'activitySignup',
  'activityPromoted',
  'activityReminder',
  'activityMessage',
  'wishClaimed',
] as const;

export type PushKind = (typeof PUSH_KINDS)[number];

/** `reviewDecided` → `RIDER_HUB_TEMPLATE_REVIEW_DECIDED`. */
export function templateVariable(kind: PushKind): string {
  return `RIDER_HUB_TEMPLATE_${kind.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

export interface Template {
  id: string;
  titleKey: string;
  bodyKey: string;
}

/** A template setting (`id` or `id:titleKey,bodyKey`), or null when unset. */
export function parseTemplate(setting: string | undefined): Template | null {
  const [id = '', keys = ''] = (setting ?? '').trim().split(':');
  if (!id) return null;
  const [titleKey = 'thing1', bodyKey = 'thing2'] = keys
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  return { id, titleKey, bodyKey };
}
