import type { Collection, Doc, DocReader, FindQuery } from './docstore.port';

/** Every match of a query, page by page; for small collections (committees) and bounded sets only. */
export async function findAll<T extends Doc>(store: DocReader, coll: Collection<T>, query: Omit<FindQuery, 'limit' | 'cursor'> = {}): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.find(coll, { ...query, limit: 1000, ...(cursor ? { cursor } : {}) });
    all.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return all;
}
