/**
 * Shanghai wall-clock formatting shared by the functions and the mini-program; zod-free and dayjs-free, so pages can
 * import it. Asia/Shanghai has kept a fixed +08:00 offset without daylight saving since 1991, so plain arithmetic
 * answers what a timezone library would.
 */

export const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** An instant as the contract answers it: ISO 8601 with +08:00. */
export function toShanghaiIso(at: Date | string | number): string {
  const ms = typeof at === 'string' ? Date.parse(at) : typeof at === 'number' ? at : at.getTime();
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().replace('Z', '+08:00');
}

/** The Shanghai calendar day of an instant (epoch ms), YYYY-MM-DD. */
export const shanghaiDayOf = (ms: number) => toShanghaiIso(ms).slice(0, 10);

/** The Shanghai month of an instant (epoch ms), YYYY-MM. */
export const shanghaiMonthOf = (ms: number) => toShanghaiIso(ms).slice(0, 7);
