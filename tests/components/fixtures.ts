import type { NearbyStation } from '../../types/stations';

export function station(overrides: Partial<NearbyStation> & { id: string }): NearbyStation {
  return {
    name: `驿站 ${overrides.id}`,
    orgId: 'org-jiashan',
    location: { lat: 30.842, lng: 120.927 },
    address: '嘉善县魏塘街道体育南路 1 号',
    services: ['rest', 'water'],
    liveStatus: 'open',
    published: true,
    openNow: true,
    distanceM: 100,
    ...overrides,
  };
}
