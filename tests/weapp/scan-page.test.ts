import { bootApp, createWx, renderPage, waitUntil, wxOk, type SimComponent } from './support/weapp';

jest.setTimeout(30000);

const STATION = {
  id: 'st-weitang-hq',
  name: '魏塘街道骑士驿站',
  orgId: 'org-weitang',
  location: { lat: 30.842, lng: 120.927 },
  address: '嘉善县魏塘街道',
  services: ['rest'],
  liveStatus: 'open',
  published: true,
  openNow: true,
};

const scanCode = wxOk({ result: 'signed-token-from-the-qr', scanType: 'QR_CODE' });
const wx = createWx({ scanCode });
type Call = { name: string; data: { action: string } & Record<string, unknown> };
const answers: Record<string, (data: Call['data']) => unknown> = {
  'account.me': () => ({ user: { id: 'u-chen', displayName: '陈站长', roles: ['staff'], stationIds: ['st-weitang-hq'] } }),
  'stations.get': () => ({ station: STATION }),
  'checkin.today': () => ({ visits: 0, uniqueRiders: 0, checkins: [] }),
  'checkin.redeem': () => ({
    checkinId: 'c1',
    pointsAwarded: 5,
    creditReason: 'credited',
    note: '签到成功，获得 5 积分',
    rider: { id: 'u-li', displayName: '李小哥' },
  }),
};
wx.cloud.callFunction.mockImplementation(async ({ name, data }: Call) => {
  const answer = answers[`${name}.${data.action}`];
  return { result: answer ? { ok: true, data: answer(data) } : { ok: false, error: { code: 'INVALID_INPUT', message: '未知操作' } } };
});
bootApp(wx);

describe('weapp build: staff scan page', () => {
  let page: SimComponent;

  beforeAll(async () => {
    page = renderPage('packages/checkin/pages/scan/index');
    await waitUntil(() => (page.dom.textContent ?? '').includes('今天还没有骑手签到'));
  });

  it('scans with the camera only and redeems the scanned code at the staff member’s station', async () => {
    const button = page.querySelector('.scan-page__scan');
    expect(button).toBeDefined();
    button?.dispatchEvent('tap');
    await waitUntil(() => (page.dom.textContent ?? '').includes('李小哥'));
    expect(scanCode).toHaveBeenCalledWith(expect.objectContaining({ onlyFromCamera: true, scanType: ['qrCode'] }));
    expect(wx.cloud.callFunction).toHaveBeenCalledWith(
      expect.objectContaining({
        name: 'checkin',
        data: { action: 'redeem', code: 'signed-token-from-the-qr', stationId: 'st-weitang-hq' },
      }),
    );
  });

  it('shows the rider’s name and the points, never the openid', () => {
    const text = page.dom.textContent ?? '';
    expect(text).toContain('签到成功 +5 积分');
    expect(text).not.toContain('demo-rider');
  });
});
