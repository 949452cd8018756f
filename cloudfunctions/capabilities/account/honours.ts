/** A rider's honours shown on their profile: the stars the points boards name and the awards the voice rounds give. */
import { defineCollection, type Doc, type DocReader } from '../../core/store/docstore.port';
import { findAll } from '../../core/store/find-all';

/** Keyed `<orgId>:<month>:<category>:<userId>`: a rider is named once per board. */
export interface StarDoc extends Doc {
  orgId: string;
  month: string;
  category: string;
  userId: string;
  namedBy: string;
  at: string;
}

export const stars = defineCollection<StarDoc>({
  name: 'stars',
  indexes: [{ fields: ['orgId', 'month', 'category'] }, { fields: ['userId', 'month'] }],
});

export const starId = (s: Pick<StarDoc, 'orgId' | 'month' | 'category' | 'userId'>) => `${s.orgId}:${s.month}:${s.category}:${s.userId}`;

/** The stars a rider was named, newest month first (shown on their profile). */
export function starsOf(store: DocReader, userId: string): Promise<StarDoc[]> {
  return findAll(store, stars, { where: { userId }, orderBy: [['month', 'desc']] });
}

export function starsOfBoard(store: DocReader, orgId: string, month: string, category: string): Promise<StarDoc[]> {
  return findAll(store, stars, { where: { orgId, month, category } });
}

/** Keyed `<roundId>:<userId>`: an honour shown on the winner's profile. */
export interface AwardDoc extends Doc {
  userId: string;
  roundId: string;
  title: string;
  orgId: string;
  at: string;
}

export const awards = defineCollection<AwardDoc>({ name: 'awards', indexes: [{ fields: ['userId', 'at'] }] });

/** The honours a user won, newest first: for their profile. */
export async function awardsOf(store: DocReader, userId: string): Promise<{ title: string; round: string }[]> {
  const page = await store.find(awards, { where: { userId }, orderBy: [['at', 'desc']], limit: 20 });
  return page.items.map((a) => ({ title: a.title, round: a.roundId }));
}

export const HONOURS_COLLECTIONS = [stars, awards];
