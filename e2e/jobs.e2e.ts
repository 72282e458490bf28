import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetClock, standInSemester } from './clock.ts';
import { axeViolations, type E2E, signIn, startE2E } from './harness.ts';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  await standInSemester(e2e);
});
afterAll(async () => {
  resetClock();
  await e2e?.close();
});

const SHOTS = path.resolve('.tmp', 'jobs-e2e');

describe('background jobs page', () => {
  const visited: { name: string; violations: string[] }[] = [];
  /** Scans the page at 1366 and at 360 px wide, with a screenshot of each. */
  const scanBoth = async (page: Page, name: string) => {
    mkdirSync(SHOTS, { recursive: true });
    for (const width of [1366, 360]) {
      await page.setViewportSize({ width, height: 900 });
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.getByText('Ielādē…').first().waitFor({ state: 'detached' });
      await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
      visited.push({ name: `${name}@${width}`, violations: await axeViolations(page) });
    }
    await page.setViewportSize({ width: 1366, height: 900 });
  };

  it('the municipal coordinator starts an indicator recomputation and follows it to the end', async () => {
    const { page } = e2e;
    await signIn(e2e, 'koord.ziemelu');
    await page.getByRole('link', { name: 'Fona darbi' }).first().click();
    await page.getByRole('heading', { name: 'Fona darbi', level: 1 }).waitFor();
    await scanBoth(page, 'jobs-empty');
    await page.getByRole('button', { name: 'Pārrēķināt rādītājus' }).click();
    await page.getByText('Rādītāju pārrēķins ir sākts; tā gaita redzama tabulā.').waitFor();
    const table = page.getByRole('table', { name: 'Jaunākie fona darbi' });
    await table.getByText('Rādītāju pārrēķins').first().waitFor();
    // The page asks again while the job runs, until it shows it done.
    await table.getByText('Pabeigts').first().waitFor({ timeout: 60_000 });
    await scanBoth(page, 'jobs-done');
    expect(visited.filter((v) => v.violations.length > 0)).toEqual([]);
  });
});
