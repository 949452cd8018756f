import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ARTIFACTS = resolve(__dirname, '../../../test-results/e2e');

/**
 * The little of the DOM that functions run inside the page use. These tests type-check as Node code, without the DOM
 * library, so a page function reads `(globalThis as unknown as InPage).document`.
 */
export interface InPage {
  document: {
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): ArrayLike<PageElement>;
  };
}

interface PageElement {
  offsetParent: unknown;
  getBoundingClientRect(): { left: number };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
  });
}

/** A phone-sized page, like the mini-program's. */
export async function phonePage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  return page;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

/** Local mode's demo sign-in: choose the identity by its label on the sign-in page, then land on the map tab. */
export async function signIn(page: Page, baseUrl: string, label: string): Promise<void> {
  await page.goto(`${baseUrl}/#/packages/auth/pages/sign-in/index`);
  const choiceLabel = page.locator('.sign-in-page__label', { hasText: new RegExp(`^${label}$`) });
  await page.locator('.sign-in-page__choice', { has: choiceLabel }).click();
  // Signing in lands on the map tab: wait for it, so a journey's next navigation cannot be overtaken by that one.
  await page.waitForURL((url) => url.hash.startsWith('#/pages/map/index'));
}

/** Waits until a page's root is shown and its slide-in has ended (Taro H5 animates page changes). */
export async function settled(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().waitFor();
  await page.waitForFunction((sel) => {
    const { document } = globalThis as unknown as InPage;
    const el = Array.from(document.querySelectorAll(sel)).find((e) => e.offsetParent !== null);
    return el !== undefined && Math.abs(el.getBoundingClientRect().left) < 1;
  }, selector);
}
