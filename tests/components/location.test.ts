import { DEMO_LOCATION, locate, weappReason } from '../../src/lib/location';

type Success = (p: { coords: { latitude: number; longitude: number } }) => void;
type Failure = (e: { code: number }) => void;

function browserWith(answer: (ok: Success, fail: Failure) => void) {
  Object.defineProperty(globalThis.navigator, 'geolocation', { configurable: true, value: { getCurrentPosition: answer } });
}

afterEach(() => {
  Object.defineProperty(globalThis.navigator, 'geolocation', { configurable: true, value: undefined });
});

describe('the location in H5', () => {
  it('takes the browser’s WGS-84 fix and converts it to GCJ-02 (gcoord)', async () => {
    browserWith((ok) => ok({ coords: { latitude: 30.84, longitude: 120.92 } }));
    const found = await locate();
    expect(found.demo).toBe(false);
    // GCJ-02 lies a few hundred metres off WGS-84 in 嘉善: about −0.0024° in latitude and +0.0045° in longitude.
    expect(found.location.lat - 30.84).toBeLessThan(-0.001);
    expect(found.location.lat - 30.84).toBeGreaterThan(-0.004);
    expect(found.location.lng - 120.92).toBeGreaterThan(0.003);
    expect(found.location.lng - 120.92).toBeLessThan(0.006);
  });

  it('says why when the browser refuses, times out or cannot locate, and falls back to the demo place', async () => {
    for (const [code, reason] of [
      [1, '你没有允许这个网页使用位置，可在浏览器的网站设置里打开'],
      [2, '手机暂时无法定位，请到开阔处再试'],
      [3, '定位超时，请到开阔处再试'],
    ] as const) {
      browserWith((_ok, fail) => fail({ code }));
      expect(await locate()).toEqual({ location: DEMO_LOCATION, demo: true, reason });
    }
  });

  it('names a browser without geolocation', async () => {
    expect((await locate()).reason).toBe('这个浏览器不支持定位');
  });
});

describe('WeChat’s location failures', () => {
  it('read as what the rider can do about them', () => {
    expect(weappReason('getLocation:fail auth deny')).toContain('设置');
    expect(weappReason('getLocation:fail system permission denied')).toContain('定位服务没有打开');
    expect(weappReason('getLocation:fail:ERROR_NOCELL&WIFI_LOCATIONSWITCHOFF')).toContain('定位服务没有打开');
    expect(weappReason('getLocation:fail timeout')).toContain('超时');
  });
});
