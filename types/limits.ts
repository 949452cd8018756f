/** Numbers the mini-program and the functions share; zod-free, so pages can import them without the schemas. */

/** Digits of a reward's pickup code: long enough that guessing one, under the typed-code limits, is hopeless. */
export const PICKUP_CODE_DIGITS = 8;
