import { z } from 'zod';

export const id = z.string().trim().min(1).max(64);

/** Control, zero-width and direction-override characters: invisible in a list, and able to disguise a name. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const HIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/;
const LINE_BREAK = /[\r\n\u2028\u2029]/;

function written(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min, min <= 1 ? '请填写内容' : `至少填写 ${min} 个字`)
    .max(max, `最多 ${max} 个字`)
    .refine((v) => !HIDDEN.test(v), '不能包含不可见字符或控制字符');
}

/** One line of text people type: a name, a title, an address. Trimmed, limited, no hidden characters or breaks. */
export function line(min: number, max: number) {
  return written(min, max).refine((v) => !LINE_BREAK.test(v), '请不要换行');
}

/** Free text that may span lines: a description, a note. */
export function text(min: number, max: number) {
  return written(min, max);
}

/** GCJ-02 degrees, as WeChat's location and map use them. */
export const latLng = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});
export type LatLng = z.infer<typeof latLng>;

export const STATION_SERVICES = ['rest', 'charging', 'water', 'microwave', 'toilet', 'umbrella', 'first-aid', 'wifi', 'reading', 'meal'] as const;
export const stationService = z.enum(STATION_SERVICES);
export type StationService = z.infer<typeof stationService>;

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:mm');

export const hoursRule = z.object({
  days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
  open: clock,
  close: clock,
});
export type HoursRule = z.infer<typeof hoursRule>;

export const mealWindow = z.object({ start: clock, end: clock, quota: z.number().int().min(0).max(10000).optional() });
export type MealWindow = z.infer<typeof mealWindow>;

/** ISO 8601 with Z or an offset. */
export const instant = z.string().datetime({ offset: true });

/** A paging cursor exactly as a previous page answered it (opaque; the server refuses any other). */
export const cursor = z.string().max(400);

export const listInput = z.object({
  cursor: cursor.optional(),
  limit: z.number().int().min(1).max(100).default(20),
});

export const ROLES = ['rider', 'staff', 'cadre', 'admin', 'counsellor', 'volunteer'] as const;
export type Role = (typeof ROLES)[number];

export const ORG_KINDS = ['district', 'town', 'industry', 'community'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
