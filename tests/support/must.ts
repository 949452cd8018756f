/** The value, or a loud failure naming what was missing: narrows an indexed or optional read in a test. */
export function must<T>(value: T | null | undefined, what: string): T {
  if (value === undefined || value === null) throw new Error(`expected ${what}, found ${String(value)}`);
  return value;
}

/** The three dot-separated parts of a check-in token (`v1.<payload>.<signature>`). */
export function tokenParts(token: string): [version: string, body: string, sig: string] {
  const [version, body, sig, ...rest] = token.split('.');
  if (version === undefined || body === undefined || sig === undefined || rest.length > 0) throw new Error(`not a check-in token: ${token}`);
  return [version, body, sig];
}
