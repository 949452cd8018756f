/** Reminders before a consultation: the rider hears an hour ahead (inbox, and a subscribe message where consented). */
import { PAGES } from '../../../types/pages';
import { MODE_NAMES } from '../../../types';
import { notify, push, type Notice } from '../../capabilities/inbox/inbox';
import { users } from '../../core/identity';
import type { Deps } from '../../core/runtime';
import { findAll } from '../../core/store/find-all';
import { bookings } from './collections';
import { whenText } from './consult-rules';

const AHEAD_MS = 60 * 60_000;

/**
 * Reminds every rider whose booking starts within the next hour, once: the booking records `remindedAt` in the
 * transaction that writes the notice, so concurrent sweeps remind once. Answers how many were reminded.
 */
export async function remindUpcomingBookings(deps: Deps, now: Date): Promise<number> {
  const due = await findAll(deps.store, bookings, {
    where: { status: 'booked', start: { $gt: now.toISOString(), $lte: new Date(now.getTime() + AHEAD_MS).toISOString() } },
  });
  let reminded = 0;
  for (const found of due.filter((b) => !b.remindedAt && b.riderId)) {
    const sent = await deps.store.transaction(async (tx) => {
      const b = await tx.get(bookings, found._id);
      if (!b || b.status !== 'booked' || b.remindedAt || !b.riderId) return null;
      await tx.update(bookings, b._id, { remindedAt: now.toISOString() });
      // Time and mode only: the topic is confidential and subscribe messages show on the lock screen.
      const notice: Notice = { title: '12355 咨询即将开始', body: `${whenText(b.start)}，${MODE_NAMES[b.mode]}咨询，请准时参加。`, link: PAGES.consult.mine };
      await notify(tx, { deps, now }, b.riderId, notice);
      return { riderId: b.riderId, notice };
    });
    if (!sent) continue;
    reminded++;
    await push(deps, await deps.store.get(users, sent.riderId), sent.notice, 'consultReminder');
  }
  return reminded;
}
