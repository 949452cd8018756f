import type { DocReader } from '../../core/store/docstore.port';
import { findAll } from '../../core/store/find-all';
import { stars, type StarDoc } from '../../features/points/collections';

export const starId = (s: Pick<StarDoc, 'orgId' | 'month' | 'category' | 'userId'>) => `${s.orgId}:${s.month}:${s.category}:${s.userId}`;

/** The stars a rider was named, newest month first (shown on their profile). */
export function starsOf(store: DocReader, userId: string): Promise<StarDoc[]> {
  return findAll(store, stars, { where: { userId }, orderBy: [['month', 'desc']] });
}

export function starsOfBoard(store: DocReader, orgId: string, month: string, category: string): Promise<StarDoc[]> {
  return findAll(store, stars, { where: { orgId, month, category } });
}
