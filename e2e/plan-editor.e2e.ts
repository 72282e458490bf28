import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, signIn, startE2E } from './harness.ts';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  e2e.page.on('pageerror', (e) => console.error('page error:', e.message));
});
afterAll(() => e2e?.close());

const SHOTS = path.resolve('.tmp', 'plan-editor');
const WIDTHS = [
  { width: 1366, height: 768 },
  { width: 360, height: 740 },
] as const;

async function apiGet<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(`${e2e.baseUrl}${url}`);
  expect(response.ok(), `${url} answered ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** Axe (WCAG 2.1 A/AA, as the harness's `axeViolations`) on the whole plan page, at every width. */
async function axeViolations(page: Page, _width: number): Promise<string[]> {
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  const result = await builder.analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Three animation frames: the browser (and the bar's guard) have scrolled the focused field and painted. */
const settle = (page: Page) =>
  page.evaluate(
    () =>
      new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(r)))),
  );

/** Where the focus is: inside the editor's form or not, inside the totals bar, and whether the bar covers it. */
function focusState(page: Page) {
  return page.evaluate(() => {
    const form = document.querySelector('form[aria-labelledby="plan-editor-title"]');
    const bar = document.querySelector('section[aria-label="Kopā plānots"]');
    const el = document.activeElement as HTMLElement | null;
    if (!form || !bar || !el) throw new Error('no editor');
    const inForm = form.contains(el) && el !== form;
    const inBar = bar.contains(el);
    const a = el.getBoundingClientRect();
    const b = bar.getBoundingClientRect();
    const covered = !inBar && a.bottom > b.top && a.top < b.bottom && a.right > b.left && a.left < b.right;
    const label = (el as HTMLInputElement).labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? '';
    const legend = el.closest('fieldset')?.querySelector('legend')?.textContent ?? '';
    const name = `${legend} ${label || el.id || el.textContent?.slice(0, 30)} scrollY ${Math.round(scrollY)}/${document.documentElement.scrollHeight - innerHeight}`;
    const where = `${el.tagName} ${Math.round(a.top)}–${Math.round(a.bottom)} under bar ${Math.round(b.top)}–${Math.round(b.bottom)} (${innerHeight}, scroll-padding ${getComputedStyle(document.documentElement).scrollPaddingBottom})`;
    return { inForm, inBar, covered, name: `${name}: ${where}` };
  });
}

/**
 * Tabs through the whole editor, then Shift+Tabs back through it, and counts the keyboard stops
 * whose box intersects the sticky totals bar (the stops inside the bar are not counted as covered).
 */
async function walkFocus(page: Page): Promise<{ stops: number; covered: string[] }> {
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    const title = document.getElementById('plan-editor-title') as HTMLElement;
    title.tabIndex = -1;
    title.focus();
  });
  let stops = 0;
  const covered: string[] = [];
  for (const key of ['Tab', 'Shift+Tab']) {
    let entered = false;
    for (let i = 0; i < 400; i++) {
      await page.keyboard.press(key);
      await settle(page);
      const state = await focusState(page);
      if (!state.inForm) {
        if (entered || i > 3) break;
        continue;
      }
      entered = true;
      stops += 1;
      if (state.covered) covered.push(`${key} ${state.name}`);
    }
  }
  return { stops, covered };
}

describe('plan editor: named problems with focus on the field, a totals bar that covers no field', () => {
  const visited: { name: string; violations: string[] }[] = [];
  const scanBoth = async (page: Page, name: string) => {
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      await page.waitForTimeout(300); // resize observers (scroll areas, the bar's padding) have run
      visited.push({ name: `${name} ${size.width}px`, violations: await axeViolations(page, size.width) });
    }
  };

  it('opens a draft plan of the coordinator', async () => {
    const { page } = e2e;
    await signIn(e2e, 'koord.s1');
    const drafts = await apiGet<{ items: { id: string }[] }>(page, '/api/plans?status=draft');
    expect(drafts.items.length).toBeGreaterThan(0);
    await page.goto(`${e2e.baseUrl}/plans/${drafts.items[0].id}`);
    await page.getByRole('heading', { name: 'Plāna saturs' }).waitFor();
    await page.getByRole('group', { name: '1. pasākums' }).waitFor();
  });

  it('Tab and Shift+Tab through the whole editor: no stop lands under the totals bar (1366 and 360 px)', async () => {
    const { page } = e2e;
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      const { stops, covered } = await walkFocus(page);
      console.log(`focus walk at ${size.width}px: ${covered.length} of ${stops} stops under the bar`);
      expect(stops).toBeGreaterThan(20);
      expect(covered).toEqual([]);
    }
    // 800 × 600: below the md breakpoint (992 px) the bar is not sticky (at 768–991 px it wrapped to two
    // rows and one stop could land under it); it sits after the form, so nothing is covered.
    await page.setViewportSize({ width: 800, height: 600 });
    const mid = await walkFocus(page);
    console.log(`focus walk at 800px: ${mid.covered.length} of ${mid.stops} stops under the bar`);
    expect(mid.covered).toEqual([]);
  });

  it('a measure without a risk: submitting names it and focuses its risks; fixed, the plan saves', async () => {
    const { page } = e2e;
    await page.setViewportSize(WIDTHS[0]);
    const count = await page.getByRole('group', { name: /^\d+\. pasākums$/ }).count();
    const n = count + 1;
    await page.getByRole('button', { name: 'Pievienot pasākumu' }).click();
    const measure = page.getByRole('group', { name: `${n}. pasākums`, exact: true });
    await measure.getByRole('combobox', { name: 'Konsultāciju veids', exact: true }).click();
    await page.getByRole('option', { name: 'Psihologs', exact: true }).click();
    await measure.getByRole('textbox', { name: 'Plānotās stundas' }).fill('6');
    await measure.getByRole('textbox', { name: 'Pamatojums' }).fill('Sarunas ar psihologu par mācību stresu');
    const risks = measure.getByRole('group', { name: /^Saistītie riski/ }).getByRole('checkbox');
    for (let i = 0; i < (await risks.count()); i++) await risks.nth(i).uncheck();

    await page.getByRole('button', { name: 'Iesniegt saskaņošanai' }).click();
    const message = `${n}. pasākums (Psihologa konsultācijas): nav piesaistīts neviens risks`;
    const summary = page.getByTestId('plan-error-summary');
    await expect.poll(() => summary.textContent()).toContain(message);
    // The only problem; a link to the field, and the focus is already there (not under the bar).
    expect(await summary.getByRole('link').allTextContents()).toEqual([message]);
    expect(await summary.getByRole('link').getAttribute('href')).toBe(`#plan-measures-${n - 1}-riskIds`);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('[id$="-riskIds"]')?.id ?? 'elsewhere'))
      .toBe(`plan-measures-${n - 1}-riskIds`);
    expect((await focusState(page)).covered).toBe(false);
    // The field says it too, without the measure's name (the legend gives that).
    await expect.poll(() => measure.textContent()).toContain('Nav piesaistīts neviens risks');
    await shot(page, 'named-problem-1366');
    await scanBoth(page, 'editor-with-problem');
    await page.setViewportSize(WIDTHS[1]);
    await shot(page, 'named-problem-360');
    await page.setViewportSize(WIDTHS[0]);

    // The plan is not submitted, and nothing reached the server.
    expect(await page.getByText('Plāns iesniegts saskaņošanai').count()).toBe(0);

    // Fix it from the keyboard on the focused checkbox; the problem leaves the summary at once.
    await page.keyboard.press('Space');
    await expect.poll(() => summary.count()).toBe(0);
    await page.getByRole('button', { name: 'Saglabāt' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Plāns saglabāts.');
    const saved = await apiGet<{ content: { measures: { riskIds: string[]; consultationType: string }[] } }>(
      page,
      page.url().replace(/.*\/plans\//, '/api/plans/'),
    );
    expect(saved.content.measures).toHaveLength(n);
    expect(saved.content.measures[n - 1].consultationType).toBe('psychologist');
    expect(saved.content.measures[n - 1].riskIds.length).toBeGreaterThan(0);
    await shot(page, 'saved-1366');
  });

  it('the walk after the new measure: still no stop under the bar; axe finds nothing at 1366 and 360 px', async () => {
    const { page } = e2e;
    for (const size of WIDTHS) {
      await page.setViewportSize(size);
      const { stops, covered } = await walkFocus(page);
      console.log(
        `focus walk (one more measure) at ${size.width}px: ${covered.length} of ${stops} stops under the bar`,
      );
      expect(covered).toEqual([]);
    }
    await scanBoth(page, 'editor-saved');
    expect(visited.filter((v) => v.violations.length > 0)).toEqual([]);
    expect(visited).toHaveLength(4);
  });
});
