/** Placing requested enrolments on the programme's seats document, in batches (see core/seating.ts). */
import { PROGRAMME_LIMITS } from '../../types/childcare-labels';
import type { DocStore } from '../core/store/docstore.port';
import { settle as settleSeats } from '../core/seating';
import { enrolments, seats } from './collections';

/** Places `ownId` (a requested enrolment) and as many older requested enrolments of the programme as fit a batch. */
export function settle(store: DocStore, programmeId: string, ownId: string, now: Date): Promise<void> {
  const target = {
    requests: enrolments,
    seats,
    seatsId: programmeId,
    waiting: { programmeId, status: 'requested' },
    orderField: 'enrolledAt',
    waitlistMax: PROGRAMME_LIMITS.waitlistMax,
  };
  return settleSeats(store, target, ownId, now);
}
