/**
 * Pages that change a review item (decide, respond, apply) mark the lists stale; the 审核 tab reloads when it shows
 * again. One flag in memory: both live in the same mini-program runtime.
 */
let stale = false;

export function markReviewsChanged(): void {
  stale = true;
}

/** True once after a change, then false until the next change. */
export function takeReviewsChanged(): boolean {
  const was = stale;
  stale = false;
  return was;
}
