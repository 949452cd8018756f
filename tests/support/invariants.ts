import type { Store } from '../../cloudfunctions/core/store/store.port';

/** The ledger's invariant, checked after every concurrency test: balance = ledger sum ≥ 0 for each user. */
export async function expectLedgerInvariant(store: Store, userIds: Iterable<string>): Promise<void> {
  for (const id of userIds) {
    const [balance, sum] = [await store.ledger.balance(id), await store.ledger.sum(id)];
    expect(balance).toBe(sum);
    expect(balance).toBeGreaterThanOrEqual(0);
  }
}
