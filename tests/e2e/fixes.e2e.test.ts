import type { Browser, Page } from 'playwright-core';
import { expectAccessible } from './support/a11y';
import { launchChromium, phonePage, screenshot, settled, signIn } from './support/browser';
import { startLocalServer, type LocalServer } from './support/local-server';

// The fixes of issue 12 as a rider and a cadre meet them: a way back on every sub-page, a fallback for 导航, a place
// the rider picks when the location is refused, the cadre's view of that place, and plain empty states.
jest.setTimeout(180_000);

let server: LocalServer;
let browser: Browser;
let rider: Page;
let cadre: Page;
const NAME = '东门路测试驿站';
const ADDRESS = '嘉善县魏塘街道东门路 12 号';

beforeAll(async () => {
  server = await startLocalServer();
  browser = await launchChromium();
  rider = await phonePage(browser);
  cadre = await phonePage(browser);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const tab = (page: Page, label: string) => page.locator('.weui-tabbar__item', { hasText: label }).click();
/** What these screens tap beyond buttons and roles. */
const TARGETS = ['.station-card', '.station-map__pin', '.review-row', '.review-chip', '.review-page__inbox', '.review-page__switch'];

async function check(page: Page, screen: string, shot: string): Promise<void> {
  await screenshot(page, shot);
  await expectAccessible(page, screen, TARGETS);
}

describe('the fixes of issue 12', () => {
  it('a station card shows one status and the number of its pin; the filter is one row', async () => {
    await signIn(rider, server.url, '骑手');
    await rider.locator('.station-card').first().waitFor();
    await settled(rider, '.map-page');
    const first = rider.locator('.station-card').first();
    await expect(first.locator('.station-card__number').innerText()).resolves.toBe('1');
    await expect(first.locator('.station-status__badge').count()).resolves.toBe(1);
    const rows = await rider
      .locator('.service-filter--row .service-filter__chip')
      .evaluateAll(
        (chips) => new Set(chips.map((c) => Math.round((c as unknown as { getBoundingClientRect(): { top: number } }).getBoundingClientRect().top))).size,
      );
    expect(rows).toBe(1);
    await check(rider, 'map', 'fixes-1-map');
  });

  it('导航 in H5 shows the address with a copy button, and 返回 leads back', async () => {
    await rider.locator('.station-card').first().click();
    await settled(rider, '.detail-page');
    await rider.getByText('导航', { exact: true }).click();
    await rider.getByText('这里打不开地图导航').waitFor();
    await expect(rider.locator('.detail-page__route').innerText()).resolves.toContain('嘉兴市嘉善县魏塘街道解放东路 168 号');
    await check(rider, 'station detail: no map app', 'fixes-2-navigation-fallback');
    await rider.getByText('复制地址', { exact: true }).click();
    const back = rider.locator('.taro-navigation-bar-back');
    await expect(back.innerText()).resolves.toContain('返回');
    await back.click();
    await settled(rider, '.map-page');
  });

  it('a refused location is never the place of a hazard report: the rider picks it on the map', async () => {
    await rider.goto(`${server.url}/#/packages/points/pages/claim/index`);
    await rider.getByText('安全隐患上报').click();
    await rider.getByText(/^未能获取你的位置：.+。请在地图上选择$/).waitFor({ timeout: 15_000 });
    await expect(rider.locator('.place-picker__chosen').innerText()).resolves.toBe('还没有选择位置');
    await check(rider, 'claim: location refused', 'fixes-3-claim-refused');
    await rider.locator('.claim-page .station-map--picking').click({ position: { x: 100, y: 50 } });
    await rider.locator('.place-picker__chosen', { hasText: '已选位置' }).waitFor();
    await rider.locator('.place-picker__address input').fill('东门路与体育南路口');
    await check(rider, 'claim: place picked', 'fixes-4-claim-picked');
    // Opened from an address, with no page to go back to: 首页 instead of 返回.
    const home = rider.locator('.taro-navigation-bar-home');
    await expect(home.innerText()).resolves.toContain('首页');
    await home.click();
    await settled(rider, '.map-page');
  });

  it('a station application takes the place the rider picked, and the page after it has a way back', async () => {
    await tab(rider, '办事');
    await rider.getByText('申请登记驿站').click();
    await settled(rider, '.apply-form');
    await rider.locator('.apply-form__name input').fill(NAME);
    await rider.locator('.apply-form__address input').fill(ADDRESS);
    await rider.getByText('提交申请', { exact: true }).click();
    await rider.getByText('请在地图上选择驿站位置').waitFor();
    await rider.locator('.apply-form .station-map--picking').click({ position: { x: 260, y: 40 } });
    await rider.locator('.place-picker__chosen', { hasText: '已选位置' }).waitFor();
    await check(rider, 'apply for a station: place picked', 'fixes-5-apply-picked');
    await rider.getByText('提交申请', { exact: true }).click();
    await rider.locator('.review-detail .review-status--pending').waitFor();
    await settled(rider, '.review-detail');
    await check(rider, 'the request just filed', 'fixes-6-submitted');
    await rider.locator('.taro-navigation-bar-back').click();
    await settled(rider, '.review-page');
    await expect(rider.locator('.review-row', { hasText: NAME }).count()).resolves.toBe(1);
  });

  it('the cadre sees the address, a small map with the stations around, and the coordinates', async () => {
    await signIn(cadre, server.url, '团干部·嘉善县');
    await tab(cadre, '办事');
    await cadre.locator('.review-row', { hasText: NAME }).click();
    await settled(cadre, '.review-detail');
    const place = cadre.locator('.review-detail__place');
    await place.locator('.review-detail__place-nearest').waitFor();
    const text = await place.innerText();
    expect(text).toContain(ADDRESS);
    expect(text).toMatch(/坐标 30\.\d{5}, 120\.\d{5}/);
    expect(text).toContain('距最近的驿站');
    await expect(place.locator('.station-map__place').count()).resolves.toBe(1);
    await check(cadre, 'cadre: a placed request', 'fixes-7-cadre-place');
  });

  it('a verified rider is not offered 申请骑手认证, and the "already verified" page leads back', async () => {
    // The demo riders are verified.
    await tab(rider, '办事');
    await rider.getByText('✓ 已认证骑手').waitFor();
    await expect(rider.getByText('申请骑手认证').count()).resolves.toBe(0);
    await check(rider, '办事: verified rider', 'fixes-8-verified');
    await rider.goto(`${server.url}/#/packages/review/pages/apply-verification/index`);
    await rider.getByText('你已经通过骑手认证，无需再次申请').waitFor();
    await check(rider, 'already verified', 'fixes-9-already-verified');
    await rider.getByText('回到办事', { exact: true }).click();
    await rider.getByText('✓ 已认证骑手').waitFor();
  });

  it('an empty list says what to do next, never 重试', async () => {
    // The station's staff have filed nothing (the volunteer's verification waits in the demo queue).
    await signIn(rider, server.url, '驿站工作人员');
    await tab(rider, '办事');
    await rider.getByText('你还没有提交过申请，可以从下方开始').waitFor();
    await expect(rider.getByText('重试', { exact: true }).count()).resolves.toBe(0);
    await check(rider, '办事: no requests yet', 'fixes-10-empty');
  });
});
