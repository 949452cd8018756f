import type { DocStore } from '../../cloudfunctions/core/store/docstore.port';
import { balanceOf, ledgerSum } from '../../cloudfunctions/capabilities/ledger/ledger';

/** The ledger's invariant, checked after every concurrency test: balance = ledger sum ≥ 0 for each user. */
export async function expectLedgerInvariant(store: DocStore, userIds: Iterable<string>): Promise<void> {
  for (const id of userIds) {
    const [balance, sum] = [await balanceOf(store, id), await ledgerSum(store, id)];
    expect(balance).toBe(sum);
    expect(balance).toBeGreaterThanOrEqual(0);
  }
}
