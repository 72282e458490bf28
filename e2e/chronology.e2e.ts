import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfPageToPng, pdfText } from '../test/pdf.ts';
import { axeViolations, type E2E, signIn, startE2E } from './harness.ts';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const SHOTS = path.resolve('.tmp', 'chronology-e2e');

async function apiGet<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(`${e2e.baseUrl}${url}`);
  expect(response.ok(), `${url} answered ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

describe("a student's chronology", () => {
  const visited: { name: string; violations: string[] }[] = [];
  /** Scans the page at 1366 and at 360 px wide, with a screenshot of each. */
  const scanBoth = async (page: Page, name: string) => {
    mkdirSync(SHOTS, { recursive: true });
    for (const width of [1366, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
      visited.push({ name: `${name}@${width}`, violations: await axeViolations(page) });
    }
    await page.setViewportSize({ width: 1366, height: 900 });
  };

  it('the coordinator opens a demo student chronology, filters to plans and downloads the PDF', async () => {
    const { page } = e2e;
    await signIn(e2e, 'koord.s1');
    type List = { items: { id: string; code: string; studentId: string; studentName: string }[] };
    const plan = (await apiGet<List>(page, '/api/plans?status=in_progress')).items[0];
    await page.goto(`${e2e.baseUrl}/students/${plan.studentId}`);
    await page.getByRole('tab', { name: 'Hronoloģija' }).click();
    await page.getByRole('heading', { name: 'Hronoloģija' }).waitFor();
    const list = page.getByRole('list', { name: 'Hronoloģijas ieraksti' });
    await list.waitFor();
    await expect.poll(() => list.textContent()).toContain(`Izveidots plāns ${plan.code}`);
    expect(await list.textContent()).toContain(`Uzsākta plāna ${plan.code} īstenošana`);
    // Dates as dd.mm.yyyy, with the time for events that have one.
    expect(await list.textContent()).toMatch(/\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}/);
    expect(await list.getByRole('listitem').count()).toBeGreaterThan(3);
    await scanBoth(page, 'chronology-all');

    // Filter to plans, with the keyboard: only plan entries remain.
    const plans = page.getByRole('checkbox', { name: 'Plāni' });
    await plans.focus();
    await page.keyboard.press('Space');
    expect(await plans.isChecked()).toBe(true);
    await expect
      .poll(async () =>
        (await list.getByRole('listitem').allTextContents()).every((t) => t.includes('Plāns')),
      )
      .toBe(true);
    const items = await list.getByRole('listitem').allTextContents();
    expect(items.some((t) => t.includes(`Atvērt plānu ${plan.code}`))).toBe(true);
    await scanBoth(page, 'chronology-plans');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Lejupielādēt PDF' }).click(),
    ]);
    const bytes = new Uint8Array(readFileSync(await download.path()));
    await pdfPageToPng(bytes, path.join(SHOTS, 'chronology-pdf.png'), 1, 1.5);
    const text = await pdfText(bytes);
    expect(text).toContain('Skolēna hronoloģija');
    expect(text).toContain(plan.studentName);
    expect(text).toContain(`Izveidots plāns ${plan.code}`);
    expect(text).toContain('Lapa 1 no');
    expect(text).not.toContain('Konsultācija (');

    // The link of an entry opens the plan.
    await list
      .getByRole('link', { name: `Atvērt plānu ${plan.code}` })
      .first()
      .click();
    await page.waitForURL((url) => url.pathname === `/plans/${plan.id}`);
  });

  it('every page visited passes axe at 1366 and 360 px', () => {
    expect(visited.length).toBe(4);
    expect(visited.filter((v) => v.violations.length > 0)).toEqual([]);
  });
});
