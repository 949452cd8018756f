/** Keyset cursors over (sort key, id), opaque to callers and shared by both store adapters. */
export function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

/** The (sort key, id) after which a page starts; null (start from the top) for none or an unreadable cursor. */
export function decodeCursor(cursor: string | undefined): [string, string] | null {
  if (!cursor) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && value.length >= 2 && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
      return [String(value[0]), String(value[1])];
    }
  } catch {
    // fall through
  }
  return null;
}
