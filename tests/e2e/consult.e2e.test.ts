import type { Browser, Page } from 'playwright-core';
import { launchChromium, phonePage, settled, signIn } from './support/browser';
import { checkedScreenshot } from './support/a11y';
import { startLocalServer, type LocalServer } from './support/local-server';

jest.setTimeout(180_000);

let server: LocalServer;
let browser: Browser;
let rider: Page;
let counsellor: Page;
let cadre: Page;
const TOPIC = '站点拖欠提成两个月了';
const STEP = '已约站点负责人周五面谈';

const open = async (page: Page, route: string, root: string) => {
  await page.goto(`${server.url}/#${route}`);
  await page.reload();
  await settled(page, root);
};

beforeAll(async () => {
  server = await startLocalServer();
  browser = await launchChromium();
  rider = await phonePage(browser);
  counsellor = await phonePage(browser);
  cadre = await phonePage(browser);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a rider books 12355, the counsellor escalates, the committee follows the case to the end', () => {
  it('the rider opens 12355 咨询 from the services of the 签到 tab and books a labour-rights slot', async () => {
    await signIn(rider, server.url, '骑手');
    await rider.locator('.weui-tabbar__item', { hasText: '签到' }).click();
    await rider.locator('.service-cell--consult').click();
    await settled(rider, '.consult-home');
    await expect(rider.locator('.hotline').innerText()).resolves.toContain('12355');
    await checkedScreenshot(rider, 'consult-1-topics');
    await rider.locator('.consult-home .consult-chip', { hasText: '劳动权益' }).click();
    await settled(rider, '.book-page');
    // The first day with a free slot (the demo counsellors work weekday afternoons and every evening).
    const days = rider.locator('.book-page__day');
    const loaded = () => rider.locator('.book-page .state-view--loading').waitFor({ state: 'detached' });
    await loaded();
    for (let i = 1; i < 14 && (await rider.locator('.book-page__slot').count()) === 0; i++) {
      await Promise.all([rider.waitForResponse((r) => r.url().includes('/api/consult')), days.nth(i).click()]);
      await loaded();
    }
    await checkedScreenshot(rider, 'consult-2-slots');
    await rider.locator('.book-page__slot').first().click();
    await rider.locator('.book-page .consult-input input').fill(TOPIC);
    await checkedScreenshot(rider, 'consult-3-details');
    await rider.locator('.book-page .bottom-bar .primary-button').click();
    await rider.getByText('预约成功', { exact: true }).waitFor();
    await checkedScreenshot(rider, 'consult-4-booked');
    await rider.getByText('查看我的预约', { exact: true }).click();
    await settled(rider, '.mine-page');
    await expect(rider.locator('.mine-page').innerText()).resolves.toContain(TOPIC);
    await checkedScreenshot(rider, 'consult-5-my-bookings');
  });

  it('the counsellor sees it in the agenda with the topic and escalates it to the county committee', async () => {
    await signIn(counsellor, server.url, '12355 咨询师');
    await open(counsellor, '/packages/consult/pages/agenda/index', '.agenda-page');
    const row = counsellor.locator('.agenda-page .consult-row', { hasText: TOPIC });
    await row.waitFor();
    await checkedScreenshot(counsellor, 'consult-6-agenda');
    await row.getByText('转为个案', { exact: true }).click();
    await row.locator('.consult-textarea textarea').fill('站点拖欠提成，需要团委协调');
    await expect(row.innerText()).resolves.toContain('共青团嘉善县委');
    await row.getByText('提交转为个案', { exact: true }).click();
    await counsellor.locator('.agenda-page .consult-row', { hasText: '已转为个案' }).waitFor();
    await checkedScreenshot(counsellor, 'consult-7-escalated');
  });

  it('the county cadre takes the case, adds a step meant for the rider and closes it', async () => {
    await signIn(cadre, server.url, '团干部·嘉善县');
    await open(cadre, '/packages/consult/pages/cases/index', '.cases-page');
    await cadre.locator('.cases-page .consult-link').first().click();
    await settled(cadre, '.case-page');
    await expect(cadre.locator('.case-page').innerText()).resolves.toContain(TOPIC);
    await checkedScreenshot(cadre, 'consult-8-case-open');
    await cadre.getByText('接办这个个案', { exact: true }).click();
    await cadre.getByText('添加办理记录', { exact: true }).waitFor();
    await cadre.locator('.case-page .consult-textarea textarea').fill(STEP);
    await cadre.getByText('添加记录', { exact: true }).click();
    await cadre.locator('.case-page .consult-row', { hasText: STEP }).waitFor();
    await cadre.locator('.case-page .consult-textarea textarea').fill('站点已结清拖欠的提成');
    await cadre.locator('.case-page .consult-chip', { hasText: '已解决' }).click();
    await cadre.getByText('以上面的记录办结', { exact: true }).click();
    await cadre.locator('.case-page .consult-status--closed').waitFor();
    await checkedScreenshot(cadre, 'consult-9-case-closed');
  });

  it('the rider sees the case with the visible steps and rates the help', async () => {
    await open(rider, '/packages/consult/pages/mine/index', '.mine-page');
    await rider.locator('.mine-page .consult-link', { hasText: '12355-' }).click();
    await settled(rider, '.case-page');
    const text = await rider.locator('.case-page').innerText();
    expect(text).toContain(STEP);
    expect(text).toContain('已办结');
    await checkedScreenshot(rider, 'consult-10-rider-case');
    await rider.locator('.case-page .consult-chip', { hasText: /^满意$/ }).click();
    await rider.locator('.case-page .consult-textarea textarea').fill('谢谢团委帮忙');
    await rider.getByText('提交评价', { exact: true }).click();
    await rider.locator('.case-page', { hasText: '评价：满意' }).waitFor();
    await checkedScreenshot(rider, 'consult-11-rated');
  });

  it('the rider sees who read their consultation', async () => {
    await open(rider, '/packages/consult/pages/privacy/index', '.privacy-page');
    await rider.locator('.privacy-page .consult-row').first().waitFor();
    const text = await rider.locator('.privacy-page').innerText();
    expect(text).toContain('咨询师张律师');
    expect(text).toContain('团干部周书记');
    await checkedScreenshot(rider, 'consult-12-access-log');
  });
});
