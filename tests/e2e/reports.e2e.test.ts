import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { expectAccessible } from './support/a11y';
import { launchChromium, phonePage, screenshot, settled, signIn } from './support/browser';
import { startLocalServer, type LocalServer } from './support/local-server';

jest.setTimeout(180_000);

let server: LocalServer;
let browser: Browser;
let cadre: Page;

/** A call to the local API as a demo person. */
async function api<T>(openid: string, fn: string, body: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${server.url}/api/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'X-Rider-Hub-User': openid },
    body: JSON.stringify(body),
  });
  const envelope = (await res.json()) as { ok: boolean; data: T; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${fn}.${String(body.action)}: ${envelope.error?.message}`);
  return envelope.data;
}

/** This month's check-ins at 魏塘 HQ, scanned by its staff, before the cadre looks. */
async function visit(openid: string): Promise<void> {
  const { code } = await api<{ code: string }>(openid, 'checkin', { action: 'issueCode' });
  await api(openid === 'demo-staff' ? 'demo-rider' : 'demo-staff', 'checkin', { action: 'redeem', code, stationId: 'st-weitang-hq' });
}

interface PagesInPage {
  document: { querySelectorAll(selector: string): ArrayLike<{ offsetParent: unknown; textContent: string | null; getBoundingClientRect(): { left: number } }> };
}

/** Waits until the 数据 page that shows `text` is in place (an earlier one stays in the stack, hidden). */
async function shown(text: string): Promise<void> {
  await cadre.locator('.reports-page:visible', { hasText: text }).last().waitFor();
  await cadre.waitForFunction((t) => {
    const { document } = globalThis as unknown as PagesInPage;
    const page = Array.from(document.querySelectorAll('.reports-page')).find((e) => e.offsetParent !== null && (e.textContent ?? '').includes(t));
    return page !== undefined && Math.abs(page.getBoundingClientRect().left) < 1;
  }, text);
}

beforeAll(async () => {
  server = await startLocalServer();
  browser = await launchChromium();
  for (const rider of ['demo-rider', 'demo-rider-2', 'demo-rider', 'e2e-rider-3']) await visit(rider);
  cadre = await phonePage(browser);
  await signIn(cadre, server.url, '团干部·嘉善县');
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('数据: a county cadre opens the month, drills into a town and exports', () => {
  it('opens 数据 from the workbench of 办事 and sees this month’s figures for the county', async () => {
    await cadre.goto(`${server.url}/#/pages/review/index`);
    await cadre.locator('.service-cell--reports').click();
    await settled(cadre, '.reports-page');
    await cadre.locator('.reports-head__org', { hasText: '共青团嘉善县委' }).waitFor();
    const visits = cadre.locator('.reports-figure--visits .reports-figure__value');
    expect(Number((await visits.innerText()).replace(/,/g, ''))).toBeGreaterThanOrEqual(4);
    expect(Number(await cadre.locator('.reports-figure--uniqueRiders .reports-figure__value').innerText())).toBeGreaterThanOrEqual(3);
    await cadre.getByText('时段内到过这些驿站的不同骑手人数，同一骑手只算一次').waitFor();
    await cadre.locator('.reports-stations .reports-row', { hasText: '魏塘' }).first().waitFor();
    await screenshot(cadre, 'reports-1-county-month');
    await expectAccessible(cadre, 'cadre: the county’s month');
  });

  it('drills into 魏塘街道, whose figures are its own', async () => {
    const county = Number((await cadre.locator('.reports-figure--visits .reports-figure__value').innerText()).replace(/,/g, ''));
    await cadre.locator('.reports-children .reports-row', { hasText: '魏塘街道团工委' }).click();
    await shown('魏塘街道团工委');
    const town = Number((await cadre.locator('.reports-page:visible .reports-figure--visits .reports-figure__value').last().innerText()).replace(/,/g, ''));
    expect(town).toBeGreaterThanOrEqual(4);
    expect(town).toBeLessThanOrEqual(county);
    await screenshot(cadre, 'reports-2-town');
    await expectAccessible(cadre, 'cadre: a town’s month');
  });

  it('exports the town’s month as a CSV that opens in Excel', async () => {
    const [download] = await Promise.all([cadre.waitForEvent('download'), cadre.locator('.reports-export:visible').last().click()]);
    expect(download.suggestedFilename()).toMatch(/^骑士驿站数据-魏塘街道团工委-\d{4}-\d{2}-01至\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = readFileSync(await download.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text).toContain('\r\n');
    expect(text).toContain('团委,魏塘街道团工委');
    expect(text).toContain('驿站,所属团委,服务人次,服务骑手');
    await screenshot(cadre, 'reports-3-exported');
  });

  it('opens the registry (摸清底数) of the town', async () => {
    await cadre.locator('.reports-registry-link:visible').last().click();
    await shown('骑手名册');
    await cadre.getByText('35 岁及以下').first().waitFor();
    await screenshot(cadre, 'reports-4-registry');
    await expectAccessible(cadre, 'cadre: the town’s registry');
  });
});
