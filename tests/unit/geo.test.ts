import { boundingBox, distanceM } from '../../cloudfunctions/core/geo';

describe('distanceM', () => {
  it('is zero for one point and symmetric', () => {
    const a = { lat: 30.841, lng: 120.926 };
    const b = { lat: 30.7636, lng: 120.7091 };
    expect(distanceM(a, a)).toBe(0);
    expect(distanceM(a, b)).toBeCloseTo(distanceM(b, a), 6);
  });

  it('matches known distances', () => {
    // One degree of latitude is ~111.2 km.
    expect(distanceM({ lat: 30, lng: 120 }, { lat: 31, lng: 120 })).toBeCloseTo(111_195, -1);
    // 嘉善县城 to 嘉兴秀洲新城 is about 22 km.
    const d = distanceM({ lat: 30.841, lng: 120.926 }, { lat: 30.763, lng: 120.709 });
    expect(d).toBeGreaterThan(21_000);
    expect(d).toBeLessThan(23_000);
  });
});

describe('boundingBox', () => {
  it('contains every point within the radius', () => {
    const center = { lat: 30.841, lng: 120.926 };
    const box = boundingBox(center, 3000);
    for (let bearing = 0; bearing < 360; bearing += 15) {
      const rad = (bearing * Math.PI) / 180;
      const p = {
        lat: center.lat + (2999 / 111_195) * Math.cos(rad),
        lng: center.lng + (2999 / (111_195 * Math.cos((center.lat * Math.PI) / 180))) * Math.sin(rad),
      };
      if (distanceM(center, p) > 3000) continue;
      expect(p.lat).toBeGreaterThanOrEqual(box.minLat);
      expect(p.lat).toBeLessThanOrEqual(box.maxLat);
      expect(p.lng).toBeGreaterThanOrEqual(box.minLng);
      expect(p.lng).toBeLessThanOrEqual(box.maxLng);
    }
  });
});
