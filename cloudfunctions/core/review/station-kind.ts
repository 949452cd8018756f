import { z } from 'zod';
import { registerReviewKind } from './review-kinds';

/** Anyone applies to register a new rider station; approval publishes it, as last amended by the applicant. */
registerReviewKind({
  kind: 'station',
  label: '驿站登记',
  dueHours: 7 * 24,
  title: (p) => `新驿站：${String(p.name ?? '')}`,
  amendable: z.object({
    name: z.string().trim().min(2).max(40),
    address: z.string().trim().min(2).max(100),
  }).partial(),
  async onApprove(tx, _deps, item) {
    const station = await tx.stations.get(String(item.payload.stationId));
    if (!station || station.published) return;
    const { name, address } = item.payload;
    await tx.stations.update({
      ...station,
      ...(typeof name === 'string' ? { name } : {}),
      ...(typeof address === 'string' ? { address } : {}),
      published: true,
    });
  },
  approvedNotice: (item) => `「${String(item.payload.name ?? '')}」已通过审核，现已在地图上展示。`,
});
