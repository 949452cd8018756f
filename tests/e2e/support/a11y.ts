/**
 * Accessibility checks a journey runs on each screen it shows: axe-core's serious and critical violations, and tap
 * targets smaller than 44 × 44 CSS px. Functions run inside the page type-check as Node code (see InPage in browser.ts).
 */
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { screenshot } from './browser';

const AXE = resolve(__dirname, '../../../node_modules/axe-core/axe.min.js');
const BLOCKING = ['serious', 'critical'];
export const MIN_TARGET_PX = 44;

/** What a journey counts as a tap target, beside what it names itself. */
export const TAP_TARGETS = [
  'button',
  '[role=button]',
  'a[href]',
  'taro-button-core',
  'taro-picker-core > *',
  'input[type=checkbox]',
  'input[type=radio]',
  '.weui-tabbar__item',
];

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

interface AxeInPage {
  axe?: {
    run(
      context: unknown,
      options: unknown,
    ): Promise<{ violations: { id: string; impact?: string | null; help: string; nodes: { target: unknown[]; html: string }[] }[] }>;
  };
  document: unknown;
}

/** axe-core's violations of impact serious or critical on the page as it is now. */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => (globalThis as unknown as AxeInPage).axe !== undefined))) await page.addScriptTag({ path: AXE });
  const found = await page.evaluate(async () => {
    const g = globalThis as unknown as AxeInPage;
    const result = await g.axe!.run(g.document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.map(String).join(' ')} ${n.html.slice(0, 160)}`),
    }));
  });
  return found.filter((f) => f.impact !== null && BLOCKING.includes(f.impact));
}

export interface SmallTarget {
  what: string;
  width: number;
  height: number;
}

interface TargetsInPage {
  document: { querySelectorAll(selector: string): ArrayLike<ElementInPage> };
  getComputedStyle(el: ElementInPage): { visibility: string; display: string; pointerEvents: string };
}
interface ElementInPage {
  offsetParent: unknown;
  tagName: string;
  className: unknown;
  textContent: string | null;
  getBoundingClientRect(): { width: number; height: number };
  parentElement: { closest(selector: string): unknown } | null;
}

/** Visible tap targets (TAP_TARGETS plus `extra` selectors) smaller than 44 × 44 CSS px, described for a failure message. */
export async function smallTapTargets(page: Page, extra: string[] = []): Promise<SmallTarget[]> {
  return page.evaluate(
    ({ selectors, min }) => {
      const g = globalThis as unknown as TargetsInPage;
      const all = selectors.join(',');
      const small: { what: string; width: number; height: number }[] = [];
      for (const el of Array.from(g.document.querySelectorAll(all))) {
        // Only the outermost target counts: a native button inside Taro's button element is the same target.
        if (el.offsetParent === null || el.parentElement?.closest(all)) continue;
        const style = g.getComputedStyle(el);
        if (style.visibility === 'hidden' || style.pointerEvents === 'none') continue;
        const { width, height } = el.getBoundingClientRect();
        if (width === 0 && height === 0) continue;
        if (width < min || height < min) {
          const label = (el.textContent ?? '').trim().slice(0, 20);
          small.push({
            what: `${el.tagName.toLowerCase()}.${String(el.className).split(' ').join('.')} “${label}”`,
            width: Math.round(width),
            height: Math.round(height),
          });
        }
      }
      return small;
    },
    { selectors: [...TAP_TARGETS, ...extra], min: MIN_TARGET_PX },
  );
}

/** Fails (with the findings in the message) when the screen has a serious or critical axe violation or a small tap target. */
export async function expectAccessible(page: Page, screen: string, extraTargets: string[] = []): Promise<void> {
  // Taro's H5 toast fades in and out (0.1 s, then 0.1 s more at opacity 0 before it is hidden); meanwhile axe reads
  // its text at part of its contrast. Check the screen with each toast fully shown or hidden.
  await page.waitForFunction(() =>
    Array.from((globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<unknown> } }).document.querySelectorAll('.taro__toast')).every(
      (el) => {
        const style = (globalThis as unknown as { getComputedStyle(e: unknown): { opacity: string; display: string } }).getComputedStyle(el);
        return style.display === 'none' || style.opacity === '1';
      },
    ),
  );
  const findings = await axeFindings(page);
  const small = await smallTapTargets(page, extraTargets);
  expect({ screen, axe: findings, smallTapTargets: small }).toEqual({ screen, axe: [], smallTapTargets: [] });
}

/** A journey's screen: checked for accessibility and tap targets, then kept as a screenshot. */
export async function checkedScreenshot(page: Page, name: string): Promise<void> {
  await expectAccessible(page, name);
  await screenshot(page, name);
}
