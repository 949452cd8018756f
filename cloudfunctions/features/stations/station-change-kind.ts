import { z } from 'zod';
import { hoursRule, mealWindow, stationService } from '../../../types';
import { openField, sealField } from '../../core/crypto';
import { defineReviewKind } from '../../capabilities/review/review-kinds';
import { stationChangeHolds } from './collections';
import { stations, type StationDoc } from '../../capabilities/orgs/station-directory';

const changed = {
  name: z.string().optional(),
  address: z.string().optional(),
  hours: z.array(hoursRule).optional(),
  services: z.array(stationService).optional(),
  meals: z.array(mealWindow).optional(),
};

const payload = z.object({
  stationId: z.string(),
  stationName: z.string(),
  ...changed,
  /** Sealed at rest (it may be a person's number); an empty phone removes the station's. */
  phone: z.string().optional(),
  /** The values the proposal replaces, for the reviewer (the phone is left out). */
  was: z.object(changed),
});

/**
 * Staff correct their station's details (anything riders see). Approval writes exactly the proposed fields, as field
 * updates in the decision's transaction, so the live status staff set meanwhile is never undone.
 */
export const stationChangeKind = defineReviewKind({
  kind: 'station-change',
  dueHours: 3 * 24,
  payload,
  sealed: ['phone'],
  title: (p) => `驿站信息修改：${p.stationName}`,
  async onApprove(tx, ctx, item, p) {
    const fields: Partial<Omit<StationDoc, '_id'>> = {};
    if (p.name !== undefined) fields.name = p.name;
    if (p.address !== undefined) fields.address = p.address;
    if (p.hours !== undefined) fields.hours = p.hours;
    if (p.services !== undefined) fields.services = p.services;
    if (p.meals !== undefined) fields.meals = p.meals;
    if (p.phone !== undefined) {
      // The payload reaches onApprove as stored, with the phone sealed.
      const phone = openField(p.phone, ctx.deps.secrets.fieldKey);
      fields.phoneEnc = phone ? sealField(phone, ctx.deps.secrets.fieldKey) : '';
    }
    if (!(await tx.get(stations, p.stationId))) return;
    await tx.update(stations, p.stationId, fields);
    const hold = await tx.get(stationChangeHolds, p.stationId);
    if (hold?.reviewId === item._id) await tx.remove(stationChangeHolds, p.stationId);
  },
  approvedNotice: (p) => `「${p.stationName}」的信息修改已通过审核，骑手现在看到的是新信息。`,
});
