import { conflict } from '../core/errors';
import type { Tx } from '../core/store/docstore.port';
import { codes } from './collections';

/**
 * Marks a resolved check-in code used inside another domain's transaction (a volunteer clocked in by scan), the way
 * `redeem` does: a code already used, concurrently or before, is a conflict, so one scan acts once.
 */
export async function consumeCheckinCode(tx: Tx, nonce: string, at: Date): Promise<void> {
  const code = await tx.get(codes, nonce);
  if (!code || code.usedAt) throw conflict('该签到码已使用，请让志愿者刷新后再扫');
  await tx.update(codes, nonce, { usedAt: at.toISOString() });
}
