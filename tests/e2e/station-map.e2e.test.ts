import type { Browser, Page } from 'playwright-core';
import { launchChromium, phonePage, screenshot, settled, signIn, type InPage } from './support/browser';
import { expectAccessible } from './support/a11y';
import { startLocalServer, type LocalServer } from './support/local-server';

jest.setTimeout(120_000);

let server: LocalServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  server = await startLocalServer();
  browser = await launchChromium();
  page = await phonePage(browser);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const cards = () => page.locator('.station-card');
/** What these screens tap beyond buttons and roles: cards and the map's pins. */
const TARGETS = ['.station-card', '.station-map__pin'];

describe('a rider finds a station', () => {
  it('signs in as 骑手 and sees the nearest station first', async () => {
    await signIn(page, server.url, '骑手');
    await cards().first().waitFor();
    await settled(page, '.map-page');
    await screenshot(page, 'map-1-nearby');
    await expectAccessible(page, 'map: nearby', TARGETS);
    await expect(cards().first().innerText()).resolves.toContain('魏塘街道小哥驿站（解放东路总站）');
    await expect(page.getByText('演示位置', { exact: false }).first().isVisible()).resolves.toBe(true);
  });

  it('filters by a service: every station listed offers it', async () => {
    const before = await cards().count();
    await page.locator('.service-filter__chip', { hasText: '微波炉' }).click();
    await page.waitForFunction((n) => {
      const { document } = globalThis as unknown as InPage;
      return document.querySelectorAll('.station-card').length !== n && !document.querySelector('.map-page__refreshing');
    }, before);
    await screenshot(page, 'map-2-filtered');
    await expectAccessible(page, 'map: filtered', TARGETS);
    const texts = await cards().allInnerTexts();
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).toContain('微波炉');
  });

  it('opens the station and sees its services, hours, free meals and address', async () => {
    await cards().first().click();
    await settled(page, '.detail-page');
    await screenshot(page, 'map-3-station');
    await expectAccessible(page, 'station detail', TARGETS);
    const text = await page.locator('.detail-page').innerText();
    expect(text).toContain('魏塘街道小哥驿站（解放东路总站）');
    expect(text).toContain('嘉兴市嘉善县魏塘街道解放东路 168 号');
    expect(text).toContain('爱心餐');
    expect(text).toContain('13:00');
    expect(text).toContain('导航');
  });
});
