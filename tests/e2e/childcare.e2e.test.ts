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

/**
 * Sets a system picker as a finished pick does: the picker's change event with the value. The H5 wheel turns by touch,
 * and a date counted from today is no fixed number of turns away.
 */
async function pick(page: Page, field: string, value: string | number): Promise<void> {
  await page.locator(field).evaluate((el, v) => {
    type Target = { closest(selector: string): { dispatchEvent(event: unknown): void } };
    const { CustomEvent: Event } = globalThis as unknown as { CustomEvent: new (type: string, init: unknown) => unknown };
    (el as unknown as Target).closest('taro-picker-core').dispatchEvent(new Event('change', { detail: { value: v } }));
  }, value);
}

describe('childcare: a county cadre places a 魏塘 volunteer on a county programme, who then serves', () => {
  const TITLE = '冬日骑士班·县团委';
  const VOLUNTEER_HOME = '/packages/volunteer/pages/home/index';
  let cadre: Page;
  let servant: Page;
  let number = '';
  const todaysRow = () => servant.locator('.vol-row', { hasText: TITLE }).filter({ hasText: today() });

  it('the cadre opens a programme with a session today and two volunteer places a session', async () => {
    cadre = await phonePage(browser);
    await signIn(cadre, server.url, '团干部·嘉善县');
    await go(cadre, '/packages/childcare/pages/create/index');
    await settled(cadre, '.create-page');
    await cadre.locator('.create-page__title input').fill(TITLE);
    await pick(cadre, '.create-page__station', 1);
    await cadre.locator('.create-page__volunteers input').fill('2');
    // A second session today, all day, so the volunteer can serve it now; sign-up still closes before the last one.
    await cadre.locator('.create-page__add').click();
    await pick(cadre, '.create-page__date >> nth=1', today());
    await pick(cadre, '.create-page__start >> nth=1', '00:00');
    await pick(cadre, '.create-page__end >> nth=1', '23:59');
    await checkedScreenshot(cadre, 'childcare-7-create-with-volunteer-places');
    await cadre.locator('.create-page__save button, .create-page__save taro-button-core').first().click();
    await settled(cadre, '.programme-page');
    await expect(cadre.locator('.placement').innerText()).resolves.toContain('每场最多 2 人');
  });

  it('the 魏塘 volunteer is refused there, and finds the user number to send on their own page', async () => {
    servant = await phonePage(browser);
    await signIn(servant, server.url, '志愿者');
    await go(servant, VOLUNTEER_HOME);
    await settled(servant, '.volunteer-page');
    await todaysRow().locator('button, taro-button-core').first().click();
    await servant
      .getByText(/需由该团委的团干部安排/)
      .first()
      .waitFor();
    number = (await servant.locator('.volunteer-page__number-value').innerText()).trim();
    expect(number.length).toBeGreaterThan(0);
    await checkedScreenshot(servant, 'childcare-8-volunteer-number');
  });

  it('the cadre places the volunteer by that number', async () => {
    await cadre.locator('.placement__number input').fill(number);
    await cadre.locator('.placement__place').click();
    await expect(cadre.locator('.placement__ok').innerText()).resolves.toBe('已安排 孙志愿，对方现在可以报名这个骑士班的场次');
    await cadre.locator('.placement__row', { hasText: '孙志愿' }).waitFor();
    await checkedScreenshot(cadre, 'childcare-9-placed');
  });

  it('the volunteer signs up for today’s session and opens its roster, where they are listed', async () => {
    await servant.reload();
    await settled(servant, '.volunteer-page');
    await todaysRow().locator('button, taro-button-core').first().click();
    const shift = servant.locator('.volunteer-page__shift', { hasText: TITLE });
    await shift.locator('.volunteer-page__roster').click();
    await settled(servant, '.roster-page');
    await servant.locator('.roster-page__volunteer', { hasText: '孙志愿' }).waitFor();
    await expect(servant.locator('.roster-page').innerText()).resolves.toContain('还没有已确认的孩子');
    await checkedScreenshot(servant, 'childcare-10-placed-volunteer-roster');
  });

  it('the cadre takes the placement back only after 再想想 is passed by; the volunteer keeps today’s shift', async () => {
    const modalButton = (text: string) => cadre.locator('.taro-modal__foot >> visible=true').getByText(text, { exact: true });
    await cadre.locator('.placement__remove').click();
    await cadre.getByText('把 孙志愿 移出这个骑士班？移出后不能再报名新的场次，已报名的场次保留。').waitFor();
    await modalButton('再想想').click();
    await cadre.locator('.placement__remove').click();
    await modalButton('移出').click();
    await expect(cadre.locator('.placement__ok').innerText()).resolves.toBe('已移出 孙志愿，对方不能再报名这个骑士班的新场次');
    await expect(cadre.locator('.placement__row').count()).resolves.toBe(0);

    await go(servant, VOLUNTEER_HOME);
    await settled(servant, '.volunteer-page');
    await servant.locator('.volunteer-page__shift', { hasText: TITLE }).waitFor();
    const later = servant.locator('.vol-row', { hasText: TITLE }).filter({ hasNotText: today() });
    await later.locator('button, taro-button-core').first().click();
    await servant
      .getByText(/需由该团委的团干部安排/)
      .first()
      .waitFor();
  });
});
