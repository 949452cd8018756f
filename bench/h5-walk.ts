/**
 * The H5 walk's figures (issue 22), on the built app through the local server: the first station name on the map
 * from a cold load (fresh browser profile) and a warm one (same profile, reloaded), median of RUNS each; a cold
 * load's bytes and requests; and the taps each core task takes. Run after `npm run build:h5`:
 * `npx tsx bench/h5-walk.ts`.
 */
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../tests/e2e/support/browser';
import { startLocalServer, type LocalServer } from '../tests/e2e/support/local-server';

const RUNS = 7;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** A phone whose demo identity is already chosen (what the sign-in page stores). */
async function phone(browser: Browser, openid: string) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN' });
  await context.addInitScript((id) => {
    const storage = (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage;
    storage.setItem('rider-hub:openid', JSON.stringify({ data: id }));
  }, openid);
  return context;
}

async function firstStation(page: Page, url: string): Promise<number> {
  const started = Date.now();
  await page.goto(url);
  await page.locator('.station-card__name').first().waitFor({ timeout: 30_000 });
  return Date.now() - started;
}

async function mapTimes(browser: Browser, server: LocalServer) {
  const cold: number[] = [];
  const warm: number[] = [];
  let bytes = 0;
  let requests = 0;
  for (let i = 0; i < RUNS; i++) {
    const context = await phone(browser, 'demo-rider');
    const page = await context.newPage();
    let runBytes = 0;
    let runRequests = 0;
    page.on('response', (r) => {
      runRequests++;
      void r.body().then(
        (b) => (runBytes += b.length),
        () => undefined,
      );
    });
    cold.push(await firstStation(page, `${server.url}/#/pages/map/index`));
    await page.waitForLoadState('networkidle');
    if (i === 0) {
      bytes = runBytes;
      requests = runRequests;
    }
    warm.push(
      await firstStation(page, `${server.url}/#/pages/map/index?warm=${i}`).then(async () => {
        const started = Date.now();
        await page.reload();
        await page.locator('.station-card__name').first().waitFor();
        return Date.now() - started;
      }),
    );
    await context.close();
  }
  return {
    coldMs: { median: median(cold), runs: cold },
    warmMs: { median: median(warm), runs: warm },
    coldLoad: { kilobytes: Math.round(bytes / 102.4) / 10, requests },
  };
}

/** Counts the taps (clicks) and typed characters of a flow run through `act`. */
async function taps(
  page: Page,
  flow: (tap: (selector: string, text?: string) => Promise<void>, type: (selector: string, text: string) => Promise<void>) => Promise<void>,
) {
  let count = 0;
  let typed = 0;
  await flow(
    async (selector, text) => {
      count++;
      const visible = selector.includes('visible=true') ? selector : `${selector} >> visible=true`;
      const target = text ? page.locator(visible, { hasText: text }).first() : page.locator(visible).first();
      await target.click();
    },
    async (selector, text) => {
      typed += text.length;
      await page.locator(`${selector} >> visible=true`).first().fill(text);
    },
  );
  return { taps: count, typed };
}

async function coreTasks(browser: Browser, server: LocalServer) {
  const rider = await (await phone(browser, 'demo-rider-2')).newPage();
  await rider.goto(`${server.url}/#/pages/checkin/index`);
  await rider.locator('.service-cell--consult').waitFor();
  const booking = await taps(rider, async (tap) => {
    await tap('.service-cell--consult');
    await tap('.consult-home .consult-chip', '法律');
    await rider.locator('.book-page__slot').first().waitFor();
    await tap('.book-page__slot');
    await tap('.bottom-bar .primary-button');
    await rider.getByText('预约成功').waitFor();
  });

  const guardian = await (await phone(browser, 'e2e-guardian')).newPage();
  await guardian.goto(`${server.url}/#/pages/checkin/index`);
  await guardian.locator('.service-cell--childcare').waitFor();
  const enrolment = await taps(guardian, async (tap, type) => {
    await tap('.service-cell--childcare');
    await tap('.programme-card');
    await tap('.cc-block-button', '添加孩子');
    await tap('.children-page__add');
    await tap('.children-page__agree');
    await type('.children-page__name input', '李小宝');
    await tap('.children-page__birth');
    await tap('.weui-picker__action', '确定');
    await type('.children-page__phone input', '13800138000');
    await tap('.children-page__save');
    await guardian.locator('.children-page__empty').waitFor({ state: 'detached' });
    await tap('.taro-navigation-bar-back >> visible=true');
    await tap('.programme-page__enrol');
    await guardian.locator('.cc-result__title, .cc-result').first().waitFor();
  }).catch((e: unknown) => ({ taps: NaN, typed: NaN, error: String(e).slice(0, 300) }));

  const staff = await (await phone(browser, 'demo-staff')).newPage();
  const code = await (await phone(browser, 'demo-rider')).newPage();
  await code.goto(`${server.url}/#/packages/checkin/pages/code/index`);
  const digits = (await code.locator('.code-page__short-code').innerText()).replace(/\D/g, '');
  await staff.goto(`${server.url}/#/pages/checkin/index`);
  await staff.locator('.checkin-page__scan').waitFor();
  const redeem = await taps(staff, async (tap, type) => {
    await tap('.checkin-page__scan');
    await type('.scan-page__code-input input', digits);
    await tap('.scan-page__confirm');
    await staff.locator('.scan-page__rider').waitFor();
  });
  return { bookConsultation: booking, enrolChildFirstTime: enrolment, staffRedeemCode: redeem };
}

async function main() {
  const server = await startLocalServer();
  const browser = await launchChromium();
  try {
    const map = await mapTimes(browser, server);
    console.log(JSON.stringify({ firstStationName: map }, null, 2));
    const tasks = await coreTasks(browser, server);
    console.log(JSON.stringify({ tasks }, null, 2));
  } finally {
    await browser.close();
    await server.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
