/** 350 m, 1.2 km, 12 km — short enough to read at a glance on a bike. */
export function formatDistance(meters: number | undefined): string {
  if (meters === undefined || !Number.isFinite(meters) || meters < 0) return '';
  if (meters < 1000) return `${Math.round(meters)} m`;
  const km = meters / 1000;
  return km < 10 ? `${(Math.round(km * 10) / 10).toFixed(1)} km` : `${Math.round(km)} km`;
}
