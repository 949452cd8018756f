import { registerReviewKind } from './review-kinds';

/** Anyone applies to register a new rider station; approval publishes it. */
registerReviewKind({
  kind: 'station',
  label: '驿站登记',
  dueHours: 7 * 24,
  title: (p) => `新驿站：${String(p.name ?? '')}`,
  async onApprove(tx, _deps, item) {
    const station = await tx.stations.get(String(item.payload.stationId));
    if (station && !station.published) await tx.stations.update({ ...station, published: true });
  },
  approvedNotice: (item) => `「${String(item.payload.name ?? '')}」已通过审核，现已在地图上展示。`,
});
