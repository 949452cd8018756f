import type { HoursRule, MealWindow } from '../../../../../types/common';

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];

/** Opening hours as presets (typing times on a phone between riders is no fun); `[]` is always open. */
export const HOURS_PRESETS: { label: string; hours: HoursRule[] }[] = [
  { label: '全天开放', hours: [] },
  { label: '每天 08:00–20:00', hours: [{ days: EVERY_DAY, open: '08:00', close: '20:00' }] },
  { label: '每天 07:00–22:00', hours: [{ days: EVERY_DAY, open: '07:00', close: '22:00' }] },
  { label: '工作日 09:00–21:00', hours: [{ days: [1, 2, 3, 4, 5], open: '09:00', close: '21:00' }] },
  { label: '夜间 20:00–次日08:00', hours: [{ days: EVERY_DAY, open: '20:00', close: '08:00' }] },
];

/** Meal windows as presets; `[]` is no meals. */
export const MEAL_PRESETS: { label: string; meals: MealWindow[] }[] = [
  { label: '不提供爱心餐', meals: [] },
  { label: '午餐 11:00–13:00', meals: [{ start: '11:00', end: '13:00' }] },
  { label: '晚餐 17:00–19:00', meals: [{ start: '17:00', end: '19:00' }] },
  {
    label: '午餐和晚餐',
    meals: [
      { start: '11:00', end: '13:00' },
      { start: '17:00', end: '19:00' },
    ],
  },
];
