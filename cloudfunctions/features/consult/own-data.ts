/** The rider's own data: who read their consultations, and deleting their history. */
import type { OutputOf, ParsedInputOf } from '../../../types';
import { conflict } from '../../core/errors';
import type { Ctx } from '../../core/runtime';
import { findAll } from '../../core/store/find-all';
import { toShanghaiIso } from '../../core/time';
import { accessLog, bookings, cases, upcoming } from './collections';

export async function accessLogPage(ctx: Ctx, input: ParsedInputOf<'consult', 'accessLog'>): Promise<OutputOf<'consult', 'accessLog'>> {
  const page = await ctx.deps.store.find(accessLog, {
    where: { riderId: ctx.user._id },
    orderBy: [['at', 'desc']],
    limit: input.limit,
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
  return {
    entries: page.items.map((e) => ({ at: toShanghaiIso(e.at), who: e.who, what: e.what })),
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}

/**
 * The rider deletes their consultation history: every booking and case loses its personal fields (problem, phone,
 * summaries, notes, comment) and its link to the rider, and stays as an anonymous record (topic category, committee,
 * dates, status, outcome, rating) for the committee's figures. Refused while a booking is upcoming or a case open.
 */
export async function deleteHistory(ctx: Ctx): Promise<OutputOf<'consult', 'deleteHistory'>> {
  const { user, deps, now } = ctx;
  const [ownBookings, ownCases] = await Promise.all([
    findAll(deps.store, bookings, { where: { riderId: user._id } }),
    findAll(deps.store, cases, { where: { riderId: user._id } }),
  ]);
  if (ownBookings.some((b) => b.status === 'booked' && Date.parse(b.start) > now.getTime())) throw conflict('请先取消还没开始的预约，再删除记录');
  if (ownCases.some((c) => c.status !== 'closed')) throw conflict('还有未办结的个案，办结后才能删除记录');
  for (const found of ownBookings) {
    await deps.store.transaction(async (tx) => {
      const b = await tx.get(bookings, found._id);
      if (!b || b.riderId !== user._id) return;
      const { topicEnc: _topic, phoneEnc: _phone, summaryEnc: _summary, ...kept } = b;
      await tx.set(bookings, { ...kept, riderId: '' });
    });
  }
  for (const found of ownCases) {
    await deps.store.transaction(async (tx) => {
      const c = await tx.get(cases, found._id);
      if (!c || c.riderId !== user._id) return;
      const { summaryEnc: _summary, rating, ...kept } = c;
      await tx.set(cases, {
        ...kept,
        riderId: '',
        steps: c.steps.map(({ noteEnc: _note, ...s }) => s),
        ...(rating ? { rating: { score: rating.score, at: rating.at } } : {}),
      });
    });
  }
  await deps.store.transaction((tx) => tx.remove(upcoming, user._id));
  return { bookings: ownBookings.length, cases: ownCases.length };
}
