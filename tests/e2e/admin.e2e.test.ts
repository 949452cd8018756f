import type { Browser, Page } from 'playwright-core';
import { expectAccessible } from './support/a11y';
import { launchChromium, phonePage, screenshot, settled, signIn } from './support/browser';
import { startLocalServer, type LocalServer } from './support/local-server';

jest.setTimeout(180_000);

let server: LocalServer;
let browser: Browser;
let admin: Page;
const TOWN = '测试镇团委';
const RENAMED = '测试镇团工委';
const STATION = '测试镇小哥驿站';

beforeAll(async () => {
  server = await startLocalServer();
  browser = await launchChromium();
  admin = await phonePage(browser);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const tab = (page: Page, label: string) => page.locator('.weui-tabbar__item', { hasText: label }).click();
const orgRow = (name: string) => admin.locator('.orgs-row', { has: admin.locator('.orgs-row__name', { hasText: new RegExp(`^${name}$`) }) });

/** Shows a screen: waits for it, takes its screenshot, and checks it with axe and for small tap targets. */
async function show(selector: string, name: string): Promise<void> {
  await settled(admin, selector);
  await screenshot(admin, name);
  await expectAccessible(admin, name);
}

describe('the admin console on a phone', () => {
  it('opens from 我的 with one entry per section', async () => {
    await signIn(admin, server.url, '管理员');
    await tab(admin, '我的');
    await admin.locator('.me-page__admin').click();
    await admin.locator('.admin-home__entry').first().waitFor();
    await expect(admin.locator('.admin-home__entry .adm-row__title').allInnerTexts()).resolves.toEqual(['团委组织', '驿站', '积分奖品', '角色', '咨询师']);
    await show('.admin-home', 'admin-1-home');
  });

  it('adds a town committee under the county and renames it', async () => {
    await admin.locator('.admin-home__entry', { hasText: '团委组织' }).click();
    await orgRow('共青团嘉善县委').waitFor();
    await show('.orgs-page', 'admin-2-tree');

    await orgRow('共青团嘉善县委').locator('.orgs-row__head').click();
    await orgRow('共青团嘉善县委').locator('.orgs-row__add').click();
    await admin.locator('.org-form__name input').fill(TOWN);
    await expect(admin.locator('.org-form__parent').innerText()).resolves.toContain('共青团嘉善县委');
    await show('.org-form', 'admin-3-add-town');
    await admin.getByText('保存', { exact: true }).click();

    await orgRow(TOWN).waitFor();
    await expect(orgRow(TOWN).locator('.orgs-row__kind').innerText()).resolves.toBe('镇（街道）');
    await orgRow(TOWN).locator('.orgs-row__head').click();
    await orgRow(TOWN).locator('.orgs-row__rename').click();
    await expect(admin.locator('.org-form__name input').inputValue()).resolves.toBe(TOWN);
    await admin.locator('.org-form__name input').fill(RENAMED);
    await show('.org-form', 'admin-4-rename');
    await admin.getByText('保存', { exact: true }).click();
    await orgRow(RENAMED).waitFor();
    await expect(orgRow(TOWN).count()).resolves.toBe(0);
    await screenshot(admin, 'admin-5-renamed');
  });

  it('registers a station in the new committee and assigns its staff', async () => {
    const row = orgRow(RENAMED);
    if (!(await row.locator('.orgs-row__station').isVisible())) await row.locator('.orgs-row__head').click();
    await row.locator('.orgs-row__station').click();
    await admin.locator('.station-form__name input').waitFor();
    await expect(admin.locator('.station-form__org').innerText()).resolves.toContain(RENAMED);
    await admin.locator('.station-form__name input').fill(STATION);
    await admin.locator('.station-form__address input').fill('嘉善县测试镇幸福路 1 号');
    // The place is picked on the map (a tap right of centre), never typed as coordinates.
    await admin.locator('.station-form .station-map--picking').click({ position: { x: 250, y: 90 } });
    await admin.locator('.place-picker__chosen', { hasText: '已选位置' }).waitFor();
    await admin.locator('.station-form__services .rh-chip', { hasText: '充电' }).click();
    await admin.locator('.station-form__services .rh-chip', { hasText: '热水' }).click();
    await show('.station-form', 'admin-6-station-form');
    await admin.getByText('登记驿站', { exact: true }).click();

    const station = admin.locator('.stations-admin__row', { hasText: STATION });
    await station.waitFor();
    await expect(station.innerText()).resolves.toContain('已上架');
    await show('.stations-admin', 'admin-7-stations');

    await station.locator('.stations-admin__staff').click();
    await admin.locator('.person-finder__query input >> visible=true').fill('孙志愿');
    await admin.locator('.person-finder__go >> visible=true').click();
    await admin.locator('.person-finder__row >> visible=true', { hasText: '孙志愿' }).click();
    await admin.locator('.person-finder__picked >> visible=true', { hasText: '孙志愿' }).waitFor();
    await expect(admin.locator('.roles-page__station').innerText()).resolves.toContain(STATION);
    await show('.roles-page', 'admin-8-roles');
    await admin.getByText('授予角色', { exact: true }).click();
    const done = admin.locator('.roles-page__done');
    await done.waitFor();
    await expect(done.innerText()).resolves.toContain('驿站工作人员');
    await screenshot(admin, 'admin-9-granted');
  });

  it('restocks a reward', async () => {
    await admin.goto(`${server.url}/#/packages/admin/pages/rewards/index`);
    const raincoat = admin.locator('.rewards-admin__row', { hasText: '分体式雨衣' });
    await expect(raincoat.locator('.rewards-admin__stock').innerText()).resolves.toBe('30 积分 · 库存 20 件 · 所有团委通用');
    await show('.rewards-admin', 'admin-10-rewards');
    await raincoat.locator('.rewards-admin__restock-open').click();
    await raincoat.locator('.rewards-admin__add input').fill('5');
    await expect(admin.locator('.rewards-admin__add').count()).resolves.toBe(1);
    await expectAccessible(admin, 'admin-11-restock');
    await raincoat.getByText('确认补货', { exact: true }).click();
    await admin.locator('.rewards-admin__row', { hasText: '库存 25 件' }).waitFor();
    await screenshot(admin, 'admin-11-restocked');
  });

  it('passes the checks on the remaining screens: a new reward and the counsellors', async () => {
    await admin.goto(`${server.url}/#/packages/admin/pages/reward-form/index`);
    await admin.locator('.reward-form__name input').waitFor();
    await show('.reward-form', 'admin-12-reward-form');
    await admin.goto(`${server.url}/#/packages/admin/pages/counsellors/index`);
    await admin.locator('.counsellors-page__row').first().waitFor();
    await show('.counsellors-page', 'admin-13-counsellors');
  });
});
