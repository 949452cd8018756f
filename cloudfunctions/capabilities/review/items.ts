/** What other domains may read of review items. */
import type { DocReader } from '../../core/store/docstore.port';
import { findAll } from '../../core/store/find-all';
import { reviews, type ReviewDoc } from './collections';

/** Items of a kind submitted at or after `since` that carry a place (for duplicate hints). */
export async function recentPlacedItems(store: DocReader, kind: string, since: string): Promise<ReviewDoc[]> {
  const items = await findAll(store, reviews, { where: { kind, submittedAt: { $gte: since } }, orderBy: [['submittedAt', 'asc']] });
  return items.filter((i) => i.location);
}

/** An item's status (null when there is none): lets a domain keep its own key on an item while it is open. */
export async function reviewStatus(reader: Pick<DocReader, 'get'>, id: string): Promise<ReviewDoc['status'] | null> {
  return (await reader.get(reviews, id))?.status ?? null;
}
