import { defineCollection, type Doc } from '../../core/store/docstore.port';

/** A ledger entry, keyed by its idempotency key: the same key can never be credited or spent twice. */
export interface LedgerDoc extends Doc {
  userId: string;
  delta: number;
  reason: string;
  at: string;
  note?: string;
  /** Board category this entry counts towards, if any. */
  category?: string;
  orgId?: string;
}

export const ledger = defineCollection<LedgerDoc>({
  name: 'ledger',
  indexes: [{ fields: ['userId', 'at'] }, { fields: ['category', 'at', 'orgId', 'delta', 'userId'] }],
});

/** A user's balance, keyed by user id; every entry moves it in the same transaction. */
export interface BalanceDoc extends Doc {
  balance: number;
}

export const balances = defineCollection<BalanceDoc>({ name: 'balances', indexes: [] });

export const LEDGER_COLLECTIONS = [ledger, balances];
