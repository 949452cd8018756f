import { z } from 'zod';
import { line, stationService } from '../../../types';
import { defineReviewKind } from '../../capabilities/review/review-kinds';
import { stations } from '../../capabilities/orgs/station-directory';

const payload = z.object({
  stationId: z.string(),
  name: z.string(),
  address: z.string(),
  services: z.array(stationService),
});

/** Anyone applies to register a new rider station; approval publishes it, as last amended by the applicant. */
export const stationKind = defineReviewKind({
  kind: 'station',
  dueHours: 7 * 24,
  payload,
  title: (p) => `新驿站：${p.name}`,
  amendable: z
    .object({
      name: line(2, 40),
      address: line(2, 100),
    })
    .partial(),
  async onApprove(tx, _ctx, _item, p) {
    const station = await tx.get(stations, p.stationId);
    if (!station || station.published) return;
    await tx.update(stations, station._id, { name: p.name, address: p.address, published: true });
  },
  approvedNotice: (p) => `「${p.name}」已通过审核，现已在地图上展示。`,
});
