import type { Browser, Page } from 'playwright-core';
import { launchChromium, phonePage, screenshot, settled, signIn } from './support/browser';
import { expectAccessible } from './support/a11y';
import { startLocalServer, type LocalServer } from './support/local-server';

jest.setTimeout(180_000);

let server: LocalServer;
let browser: Browser;
let rider: Page;
let staff: Page;

const go = (page: Page, path: string) => page.goto(`${server.url}/#${path}`);
const ACTIVITIES = '/packages/activities/pages/index/index';
const SCAN = '/packages/activities/pages/scan/index';

beforeAll(async () => {
  server = await startLocalServer();
  browser = await launchChromium();
  [rider, staff] = await Promise.all([phonePage(browser), phonePage(browser)]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The rider's personal check-in code, as its eight digits (a fresh one each time the page opens). */
async function shortCode(): Promise<string> {
  await go(rider, '/packages/checkin/pages/code/index');
  const shown = rider.locator('.code-page__short-code');
  await shown.waitFor();
  const digits = (await shown.innerText()).replace(/\D/g, '');
  expect(digits).toMatch(/^\d{8}$/);
  return digits;
}

async function confirmModal(page: Page): Promise<void> {
  await page.getByText('确定', { exact: true }).click();
}

/** Staff pick what they scan for, type the rider's short code and read the outcome. */
async function staffScan(pick: string, hasText: string, digits: string): Promise<string> {
  await go(staff, SCAN);
  await settled(staff, '.activities-scan-page');
  await staff.locator(pick, { hasText }).first().click();
  await staff.locator('.act-code-input input').fill(digits);
  await staff.locator('.act-submit').click();
  const result = staff.locator('.act-result');
  await result.waitFor();
  return result.innerText();
}

describe('activities: a rider books a free meal and an evening class, staff scan both', () => {
  it('the rider sees this week’s activities with time, place, seats and what each gives, and signs up in two taps', async () => {
    await signIn(rider, server.url, '骑手');
    await go(rider, ACTIVITIES);
    await settled(rider, '.activities-page');
    const card = rider.locator('.activity-card', { hasText: '青年夜校' });
    await card.waitFor();
    await expect(card.innerText()).resolves.toMatch(/剩余 30 个名额 · 可得 20 积分 · 证书/);
    await screenshot(rider, 'activities-1-week');
    await expectAccessible(rider, 'rider: this week’s activities');
    await card.locator('.act-signup').click();
    await confirmModal(rider);
    await card.locator('.act-status', { hasText: '已报名' }).waitFor();
    await screenshot(rider, 'activities-2-signed-up');
  });

  it('the rider books today’s free meal at the partner restaurant in the window open now', async () => {
    await rider.locator('.act-tab', { hasText: '爱心餐' }).click();
    const place = rider.locator('.meal-place', { hasText: '善城人家餐厅' });
    await place.waitFor();
    await place.locator('.act-row', { hasText: '供餐中' }).first().locator('.act-book').click();
    await confirmModal(rider);
    await rider.locator('.meal-booking .act-status', { hasText: '已预订' }).waitFor();
    await screenshot(rider, 'activities-3-meal-booked');
    await expectAccessible(rider, 'rider: today’s free meal');
  });

  it('the restaurant’s staff type the rider’s code and hand the meal over, once', async () => {
    const digits = await shortCode();
    await signIn(staff, server.url, '驿站工作人员');
    await expect(staffScan('.act-pick-meal', '爱心餐', digits)).resolves.toContain('李小哥 领餐成功');
    await screenshot(staff, 'activities-4-meal-collected');
    await expectAccessible(staff, 'staff: meal collected');
    await staff.locator('.act-code-input input').fill(digits);
    await staff.locator('.act-submit').click();
    await staff.locator('.act-result--fail').waitFor();
  });

  it('the station’s staff scan the rider into the evening class: attendance, points and the roster', async () => {
    const digits = await shortCode();
    await expect(staffScan('.act-pick-activity', '青年夜校', digits)).resolves.toBe('李小哥 签到成功，获得 20 积分');
    await staff.locator('.act-roster', { hasText: '已签到 1 人' }).waitFor();
    await screenshot(staff, 'activities-5-class-attended');
    await expectAccessible(staff, 'staff: class attendance and roster');
  });

  it('the rider sees the meal collected and the class attended', async () => {
    await go(rider, ACTIVITIES);
    await settled(rider, '.activities-page');
    await rider.locator('.activity-card', { hasText: '青年夜校' }).locator('.act-status', { hasText: '已签到' }).waitFor();
    await rider.locator('.act-tab', { hasText: '爱心餐' }).click();
    await rider.locator('.meal-booking .act-status', { hasText: '已领取' }).waitFor();
    await screenshot(rider, 'activities-6-done');
  });
});

/** Opens the system picker of the field and confirms its first choice. */
async function pickFirst(page: Page, field: string): Promise<void> {
  await page.locator(field).click();
  await page.locator('.weui-picker__action:has-text("确定") >> visible=true').click();
}

describe('activities: organisers publish', () => {
  it('a cadre publishes an evening class at a station from the organiser page; riders see it in this week’s list', async () => {
    const cadre = await phonePage(browser);
    await signIn(cadre, server.url, '团干部·嘉善县');
    await go(cadre, SCAN);
    await settled(cadre, '.activities-scan-page');
    await cadre.locator('.act-create').click();
    await settled(cadre, '.activity-create-page');
    await cadre.locator('.activity-create__submit button, .activity-create__submit taro-button-core').first().click();
    await cadre.getByText('请填写活动名称（2–40 个字）').waitFor();
    await cadre.locator('.rh-chip', { hasText: '青年夜校' }).click();
    await cadre.locator('.activity-create__title input').fill('青年公开课：职业规划');
    await pickFirst(cadre, '.activity-create__org');
    await pickFirst(cadre, '.activity-create__place');
    await cadre.locator('.activity-create__capacity input').fill('40');
    await cadre.locator('.activity-create__points input').fill('15');
    await cadre.locator('.rh-chip', { hasText: '证书' }).click();
    await screenshot(cadre, 'activities-7-publish');
    await expectAccessible(cadre, 'cadre: publish an activity');
    await cadre.locator('.activity-create__submit button, .activity-create__submit taro-button-core').first().click();
    // Back on the organiser page (a fresh one, the first still under it), the new activity is there to scan for.
    await cadre.locator('.act-pick-activity >> visible=true', { hasText: '青年公开课：职业规划' }).waitFor();

    await signIn(rider, server.url, '骑手');
    await go(rider, ACTIVITIES);
    await settled(rider, '.activities-page');
    const card = rider.locator('.activity-card', { hasText: '青年公开课：职业规划' });
    await card.waitFor();
    await expect(card.innerText()).resolves.toMatch(/剩余 40 个名额 · 可得 15 积分 · 证书/);
    await screenshot(rider, 'activities-8-published-seen');
    await expectAccessible(rider, 'rider: the published activity in this week’s list');
    await cadre.close();
  });
});
