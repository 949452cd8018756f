import type { Browser, Page } from 'playwright-core';
import { launchChromium, phonePage, settled, signIn } from './support/browser';
import { checkedScreenshot } from './support/a11y';
import { startLocalServer, type LocalServer } from './support/local-server';

jest.setTimeout(180_000);

let server: LocalServer;
let browser: Browser;
let guardian: Page;
let guardian2: Page;
let volunteer: Page;
let staff: Page;
let code = '';

/** The seeded programme with a session today and one seat (server/seed/childcare-demo.ts). */
const PROGRAMME = 'demo-prog-today';
const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const go = (page: Page, path: string) => page.goto(`${server.url}/#${path}`);

beforeAll(async () => {
  server = await startLocalServer();
  browser = await launchChromium();
  [guardian, guardian2, volunteer, staff] = await Promise.all([phonePage(browser), phonePage(browser), phonePage(browser), phonePage(browser)]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function addChild(page: Page, name: string, shot?: string): Promise<void> {
  await go(page, '/packages/childcare/pages/children/index');
  await page.locator('.children-page__add').click();
  await page.locator('.children-page__consent').waitFor();
  if (shot) await checkedScreenshot(page, `${shot}-consent`);
  await page.locator('.children-page__agree').click();
  await page.locator('.children-page__name input').fill(name);
  // The birth date is picked, not typed: the picker opens on 2018-01-01.
  await page.locator('.children-page__birth').click();
  await page.locator('.weui-picker__action >> visible=true', { hasText: '确定' }).click();
  await page.locator('.children-page__birth', { hasText: '2018-01-01' }).waitFor();
  await page.locator('.children-page__phone input').fill('13800138000');
  await page.locator('.children-page__allergies textarea').fill('花生');
  if (shot) await checkedScreenshot(page, `${shot}-form`);
  await page.locator('.children-page__save').click();
  await page.locator('.children-page__child').first().waitFor();
}

async function enrolInProgramme(page: Page): Promise<string> {
  await go(page, '/packages/childcare/pages/programmes/index');
  await page.locator('.programme-card', { hasText: '围棋体验小班' }).click();
  await settled(page, '.programme-page');
  await page.locator('.programme-page__enrol').first().click();
  return page.locator('.programme-page__result-title').innerText();
}

describe('childcare: enrol, waitlist, promotion, and the day itself', () => {
  it('a guardian reads the consent notice, adds a child (masked in the list) and gets the one seat', async () => {
    await signIn(guardian, server.url, '骑手');
    await addChild(guardian, '李小宝', 'childcare-1');
    await expect(guardian.locator('.children-page__child').first().innerText()).resolves.toContain('李**');
    await checkedScreenshot(guardian, 'childcare-1-children');
    await expect(enrolInProgramme(guardian)).resolves.toBe('报名成功，名额已确认');
    await checkedScreenshot(guardian, 'childcare-2-confirmed');
  });

  it('a second guardian is waitlisted at position 1', async () => {
    await signIn(guardian2, server.url, '骑手·王');
    await addChild(guardian2, '王小丫');
    await expect(enrolInProgramme(guardian2)).resolves.toBe('已进入候补，第 1 位');
    await checkedScreenshot(guardian2, 'childcare-3-waitlisted');
  });

  it('the first guardian cancels in two taps and the waitlisted child is confirmed', async () => {
    await go(guardian, '/packages/childcare/pages/mine/index');
    await guardian.locator('.mine-page__cancel').click();
    await guardian.locator('.mine-page__confirm-cancel').click();
    await guardian.locator('.mine-page__status', { hasText: '已取消' }).waitFor();
    await go(guardian2, '/packages/childcare/pages/mine/index');
    await guardian2.locator('.mine-page__status', { hasText: '已确认' }).waitFor();
    await checkedScreenshot(guardian2, 'childcare-4-promoted');
  });

  it('the site staff clock the volunteer in by typing the short code of their check-in code', async () => {
    await signIn(volunteer, server.url, '志愿者');
    await volunteer.locator('.weui-tabbar__item', { hasText: '签到' }).click();
    await volunteer.locator('.checkin-page__show').click();
    const shortCode = volunteer.locator('.code-page__short-code');
    await shortCode.waitFor();
    code = (await shortCode.innerText()).replace(/\D/g, '');
    expect(code).toMatch(/^\d{8}$/);

    await signIn(staff, server.url, '驿站工作人员');
    await go(staff, `/packages/childcare/pages/roster/index?programmeId=${PROGRAMME}&date=${today()}`);
    await staff.locator('.roster-page__code input').fill(code);
    await staff.locator('.roster-page__clock-in').click();
    await expect(staff.locator('.roster-page__clock-ok').innerText()).resolves.toContain('孙志愿 已签到');
    await checkedScreenshot(staff, 'childcare-5-volunteer-clocked-in');
  });

  it('the volunteer sees the child in clear with the allergy flagged, and signs the child in and out', async () => {
    await go(volunteer, `/packages/childcare/pages/roster/index?programmeId=${PROGRAMME}&date=${today()}`);
    const row = volunteer.locator('.roster-page__child').first();
    await row.waitFor();
    await expect(row.locator('.roster-page__name').innerText()).resolves.toContain('王小丫');
    await expect(row.locator('.roster-page__allergies').innerText()).resolves.toContain('花生');
    await expect(row.locator('.roster-page__phone').innerText()).resolves.toContain('13800138000');
    await row.locator('.roster-page__in').click();
    await row.locator('.roster-page__out').waitFor();
    await row.locator('.roster-page__out').click();
    await row.locator('.roster-page__attendance', { hasText: '签退' }).waitFor();
    await expect(row.locator('.roster-page__attendance').innerText()).resolves.toMatch(/签到 \d\d:\d\d · 签退 \d\d:\d\d/);
    await checkedScreenshot(volunteer, 'childcare-6-signed-in-and-out');
  });

  it('the guardian was told of the promotion, the sign-in and the sign-out', async () => {
    const res = await fetch(`${server.url}/api/account`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-Rider-Hub-User': 'demo-rider-2' },
      body: JSON.stringify({ action: 'messages' }),
    });
    const body = (await res.json()) as { ok: boolean; data: { messages: { title: string }[] } };
    expect(body.data.messages.map((m) => m.title)).toEqual(expect.arrayContaining(['候补转正', '孩子已签到', '孩子已签退']));
  });
});
