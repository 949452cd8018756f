import type { Browser, Page } from 'playwright-core';
import { launchChromium, phonePage, screenshot, settled, signIn } from './support/browser';
import { expectAccessible } from './support/a11y';
import { startLocalServer, type LocalServer } from './support/local-server';

jest.setTimeout(120_000);

let server: LocalServer;
let browser: Browser;
let rider: Page;
let staff: Page;
let digits = '';

beforeAll(async () => {
  server = await startLocalServer();
  browser = await launchChromium();
  // Two browser contexts: two phones, two identities.
  rider = await phonePage(browser);
  staff = await phonePage(browser);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const tab = (page: Page, label: string) => page.locator('.weui-tabbar__item', { hasText: label }).click();

describe('a rider checks in at a station', () => {
  it('the rider shows a check-in code with a short code to type', async () => {
    await signIn(rider, server.url, '骑手');
    await tab(rider, '签到');
    await rider.locator('.checkin-page__show').click();
    const shortCode = rider.locator('.code-page__short-code');
    await shortCode.waitFor();
    await rider.locator('.code-page__qr').waitFor();
    await settled(rider, '.code-page');
    digits = (await shortCode.innerText()).replace(/\D/g, '');
    expect(digits).toMatch(/^\d{8}$/);
    await screenshot(rider, 'checkin-1-code');
    await expectAccessible(rider, 'rider: the check-in code');
  });

  it('station staff type the code and see who it is, the points and the visit count', async () => {
    await signIn(staff, server.url, '驿站工作人员');
    await tab(staff, '签到');
    await staff.locator('.checkin-page__scan').click();
    await staff.getByText('今天还没有骑手签到').waitFor();
    await settled(staff, '.scan-page');
    await staff.locator('.scan-page__code-input input').fill(digits);
    await staff.locator('.scan-page__confirm').click();
    await expect(staff.locator('.scan-page__rider').innerText()).resolves.toBe('李小哥');
    await expect(staff.locator('.scan-page__points').innerText()).resolves.toBe('签到成功 +5 积分');
    await staff.getByText('今日到站 1 人次 · 1 人').waitFor();
    await screenshot(staff, 'checkin-2-staff-success');
    await expectAccessible(staff, 'staff: the scan result');
  });

  it("the rider's screen tells them the scan credited points", async () => {
    await rider.locator('.code-page__success-title').waitFor();
    await expect(rider.locator('.code-page__success-points').innerText()).resolves.toBe('+5 积分');
    await expect(rider.locator('.code-page__success-station').innerText()).resolves.toContain('魏塘街道小哥驿站（解放东路总站）');
    await screenshot(rider, 'checkin-3-rider-credited');
    await expectAccessible(rider, 'rider: credited');
  });

  it('the same code typed again is refused with a clear message', async () => {
    await staff.locator('.scan-page__code-input input').fill(digits);
    await staff.locator('.scan-page__confirm').click();
    await staff.locator('.scan-page__result--fail').waitFor();
    await expect(staff.locator('.scan-page__fail-message').innerText()).resolves.toContain('已使用');
    await screenshot(staff, 'checkin-4-replayed');
    await expectAccessible(staff, 'staff: a replayed code');
  });
});
