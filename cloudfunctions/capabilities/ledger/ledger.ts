/** The points ledger, for every domain that credits or spends points (inside its own transaction). */
import { conflict } from '../../core/errors';
import type { DocReader, Tx } from '../../core/store/docstore.port';
import { countPoints } from '../figures/facts';
import { balances, ledger, type LedgerDoc } from './collections';

export async function balanceOf(reader: Pick<DocReader, 'get'>, userId: string): Promise<number> {
  return (await reader.get(balances, userId))?.balance ?? 0;
}

/**
 * Appends an entry and moves the balance, in the caller's transaction. An entry whose key exists changes nothing
 * (answers appended: false); a spend the balance cannot cover is CONFLICT. Both documents are read and written by
 * `_id`, so concurrent appends for one user conflict and retry instead of losing an update.
 */
export async function appendEntry(tx: Tx, entry: LedgerDoc): Promise<{ appended: boolean; balance: number }> {
  const before = await balanceOf(tx, entry.userId);
  if (await tx.get(ledger, entry._id)) return { appended: false, balance: before };
  const balance = before + entry.delta;
  if (balance < 0) throw conflict('积分不足');
  await tx.insert(ledger, entry);
  await tx.set(balances, { _id: entry.userId, balance });
  await countPoints(tx, entry);
  return { appended: true, balance };
}

/**
 * Appends a credit whose key the caller's transaction already makes unique (a code's use, an attendance): the entry is
 * inserted and the balance incremented without reading either, two requests instead of four.
 */
export async function creditEntry(tx: Tx, entry: LedgerDoc): Promise<void> {
  if (entry.delta <= 0) throw new Error(`a credit of ${entry.delta}`);
  await tx.insert(ledger, entry);
  await tx.increment(balances, { _id: entry.userId, balance: 0 }, { balance: entry.delta });
  await countPoints(tx, entry);
}

/** Sum of a user's entries (for invariant checks and audits; the balance document is what calls read). */
export async function ledgerSum(reader: DocReader, userId: string): Promise<number> {
  const [group] = await reader.group(ledger, { where: { userId }, groupBy: [], sum: ['delta'], limit: 1 });
  return group?.sums.delta ?? 0;
}
