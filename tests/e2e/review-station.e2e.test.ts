import type { Browser, Page } from 'playwright-core';
import { launchChromium, phonePage, screenshot, settled, signIn } from './support/browser';
import { expectAccessible } from './support/a11y';
import { startLocalServer, type LocalServer } from './support/local-server';

jest.setTimeout(120_000);

let server: LocalServer;
let browser: Browser;
let rider: Page;
let cadre: Page;
const NAME = '惠民路测试驿站';

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

describe('a new station goes through review onto the map', () => {
  it('a rider applies to register a station', async () => {
    await signIn(rider, server.url, '骑手');
    await tab(rider, '办事');
    await rider.getByText('我的申请', { exact: true }).waitFor();
    await expectAccessible(rider, 'rider: 办事', TARGETS);
    await rider.getByText('申请登记驿站').click();
    await settled(rider, '.apply-form');
    // No location in this browser: the rider taps the place on the map.
    await rider.locator('.apply-form .station-map--picking').click({ position: { x: 120, y: 60 } });
    await rider.locator('.place-picker__chosen', { hasText: '已选位置' }).waitFor();
    await rider.locator('.apply-form__name input').fill(NAME);
    await rider.locator('.apply-form__address input').fill('嘉善县惠民街道惠民路 8 号');
    await rider.locator('.apply-form .service-filter__chip', { hasText: '充电' }).click();
    await screenshot(rider, 'review-1-apply');
    await expectAccessible(rider, 'rider: apply for a station', TARGETS);
    await rider.getByText('提交申请', { exact: true }).click();
    await rider.locator('.review-detail .review-status--pending').waitFor();
    await expect(rider.locator('.review-detail__title').innerText()).resolves.toBe(`新驿站：${NAME}`);
    await screenshot(rider, 'review-2-submitted');
    await expectAccessible(rider, 'rider: the request', TARGETS);
  });

  it('the county cadre sees it in the queue and approves it in two taps and a note', async () => {
    await signIn(cadre, server.url, '团干部·嘉善县');
    await tab(cadre, '办事');
    const row = cadre.locator('.review-row', { hasText: `新驿站：${NAME}` });
    await row.waitFor();
    await screenshot(cadre, 'review-3-queue');
    await expectAccessible(cadre, 'cadre: the queue', TARGETS);
    await row.click();
    await cadre.locator('.review-detail__button--approve').waitFor();
    await settled(cadre, '.review-detail');
    await expectAccessible(cadre, 'cadre: the request', TARGETS);
    await cadre.getByText('通过', { exact: true }).click();
    await cadre.getByText('确认通过', { exact: true }).waitFor();
    await expectAccessible(cadre, 'cadre: the decision sheet', TARGETS);
    await cadre.getByText('确认通过', { exact: true }).click();
    await cadre.locator('.review-detail .review-status--approved').waitFor();
    await screenshot(cadre, 'review-4-approved');
    await expectAccessible(cadre, 'cadre: approved', TARGETS);
    await expect(cadre.locator('.review-detail').innerText()).resolves.toContain('周书记（嘉善县团委）');
  });

  it('the rider finds the new station on the map', async () => {
    await rider.goto(`${server.url}/#/pages/map/index`);
    await rider.reload();
    const card = rider.locator('.station-card', { hasText: NAME });
    await card.waitFor();
    await screenshot(rider, 'review-5-on-map');
    await expectAccessible(rider, 'rider: the map with the new station', TARGETS);
    await expect(card.innerText()).resolves.toContain('充电');
  });
});
