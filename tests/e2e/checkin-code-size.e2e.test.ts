import { createHmac } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { offlineCode, stepAt, type HmacSha256 } from '../../types/offline-code';
import { launchChromium, screenshot, settled, signIn } from './support/browser';
import { startLocalServer, type LocalServer } from './support/local-server';

jest.setTimeout(180_000);

let server: LocalServer;
let browser: Browser;

beforeAll(async () => {
  server = await startLocalServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function phone(width: number): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 800 }, deviceScaleFactor: 2, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return page;
}

async function box(page: Page, selector: string) {
  const found = await page.locator(selector).first().boundingBox();
  if (!found) throw new Error(`${selector} is not shown`);
  return found;
}

/** The QR image lies inside its box and fills it; the box lies inside the card and the screen. */
async function expectQrFits(page: Page, width: number) {
  const qr = await box(page, '.code-page__qr-box img');
  const frame = await box(page, '.code-page__qr-box');
  const card = await box(page, '.code-page__card');
  const inside = (inner: typeof qr, outer: typeof qr) => {
    expect(inner.x).toBeGreaterThanOrEqual(outer.x - 0.5);
    expect(inner.y).toBeGreaterThanOrEqual(outer.y - 0.5);
    expect(inner.x + inner.width).toBeLessThanOrEqual(outer.x + outer.width + 0.5);
    expect(inner.y + inner.height).toBeLessThanOrEqual(outer.y + outer.height + 0.5);
  };
  inside(qr, frame);
  inside(frame, card);
  expect(card.x).toBeGreaterThanOrEqual(0);
  expect(card.x + card.width).toBeLessThanOrEqual(width);
  expect(qr.width).toBeGreaterThan(frame.width * 0.95);
  expect(Math.abs(qr.width - qr.height)).toBeLessThan(1);
  // Big enough to scan from a phone held at arm's length.
  expect(qr.width).toBeGreaterThan(200);
}

async function showCode(page: Page) {
  await signIn(page, server.url, '骑手');
  await page.goto(`${server.url}/#/packages/checkin/pages/code/index`);
  await page.locator('.code-page__short-code').waitFor();
  await page.locator('.code-page__qr-box img').waitFor();
  await settled(page, '.code-page');
}

const api = async (openid: string, fn: string, body: Record<string, unknown>) => {
  const res = await fetch(`${server.url}/api/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Rider-Hub-User': openid },
    body: JSON.stringify(body),
  });
  return (await res.json()) as { ok: boolean; data?: Record<string, unknown>; error?: { code: string } };
};

describe('the check-in QR code fits its box', () => {
  it.each([320, 375, 430])('on a %i px wide screen', async (width) => {
    const page = await phone(width);
    await showCode(page);
    await expectQrFits(page, width);
    await screenshot(page, `checkin-code-${width}`);
    await page.context().close();
  });
});

describe('the check-in code without signal', () => {
  it('shows a rotating offline QR that staff redeem once', async () => {
    const page = await phone(360);
    await showCode(page);
    // Online, the page fetched a key for offline codes.
    await page.waitForFunction(() =>
      Boolean((globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem('rider-hub:offline-key')),
    );

    await page.context().setOffline(true);
    await page.locator('.code-page__refresh').click();
    await page.getByText('离线签到码').waitFor();
    await expect(page.getByText(/数字码需要联网/).count()).resolves.toBe(1);
    await expect(page.locator('.code-page__short-code').count()).resolves.toBe(0);
    await expect(page.locator('.code-page__countdown').innerText()).resolves.toMatch(/^\d+ 秒后更换$/);
    await expectQrFits(page, 360);
    await screenshot(page, 'checkin-code-offline');

    // The staff phone is online: derive the code the rider's screen shows from the key the device holds.
    const raw = await page.evaluate(() =>
      (globalThis as unknown as { localStorage: { getItem(k: string): string | null } }).localStorage.getItem('rider-hub:offline-key'),
    );
    const stored = JSON.parse(raw ?? 'null') as { data?: { keyId: string; secret: string } } & { keyId?: string; secret?: string };
    const key = stored.data ?? (stored as { keyId: string; secret: string });
    const nodeHmac: HmacSha256 = (k, m) => createHmac('sha256', k).update(m).digest();
    const code = offlineCode(nodeHmac, Buffer.from(key.secret, 'base64url'), key.keyId, stepAt(Date.now()));

    const staff = await api('demo-staff', 'account', { action: 'me' });
    const stationId = (staff.data?.user as { stationIds: string[] }).stationIds[0];
    const first = await api('demo-staff', 'checkin', { action: 'redeem', code, stationId });
    expect(first).toMatchObject({ ok: true, data: { rider: { displayName: '李小哥' } } });
    const again = await api('demo-staff', 'checkin', { action: 'redeem', code, stationId });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // Signal back: the page returns to an online code by itself.
    await page.context().setOffline(false);
    await page.locator('.code-page__short-code').waitFor({ timeout: 30_000 });
    await page.context().close();
  });
});
