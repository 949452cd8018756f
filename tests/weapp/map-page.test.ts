import { station } from '../components/fixtures';
import { bootApp, createWx, renderPage, waitUntil, type SimComponent } from './support/weapp';

jest.setTimeout(30000);

const wx = createWx();
wx.cloud.callFunction.mockImplementation(async () => ({
  result: {
    ok: true,
    data: { stations: [station({ id: 's-far', name: '罗星爱心驿站', distanceM: 1200 }), station({ id: 's-near', name: '魏塘小哥驿站', distanceM: 150 })] },
  },
}));
bootApp(wx);

describe('weapp build: map page', () => {
  let page: SimComponent;

  beforeAll(async () => {
    page = renderPage('pages/map/index');
    await waitUntil(() => (page.dom.textContent ?? '').includes('罗星爱心驿站'));
  });

  it('asks the stations function for the stations near the rider', () => {
    expect(wx.cloud.init).toHaveBeenCalled();
    expect(wx.cloud.callFunction).toHaveBeenCalledWith(expect.objectContaining({ name: 'stations', data: { action: 'nearby', lat: 30.841, lng: 120.926 } }));
  });

  it('renders the list nearest first', () => {
    const text = page.dom.textContent ?? '';
    expect(text.indexOf('魏塘小哥驿站')).toBeGreaterThanOrEqual(0);
    expect(text.indexOf('魏塘小哥驿站')).toBeLessThan(text.indexOf('罗星爱心驿站'));
    expect(text).toContain('150 m');
    expect(text).toContain('1.2 km');
  });

  it('opens the station detail when a row is tapped', async () => {
    const rows = page.querySelectorAll('.station-card');
    expect(rows).toHaveLength(2);
    rows[0]!.dispatchEvent('tap');
    await waitUntil(() => wx.navigateTo.mock.calls.length > 0);
    expect(wx.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/packages/station/pages/detail/index?id=s-near' }));
  });
});
