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

const SHOTS = path.resolve('.tmp', 'tasks-e2e');

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Iziet' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/login'));
}

describe('tasks', () => {
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

  it('the coordinator follows the start-page counter to the list, sees a system task and completes a task made by hand', async () => {
    const { page } = e2e;
    await signIn(e2e, 'koord.s1');
    const card = page.getByRole('region', { name: 'Mani uzdevumi' });
    await card.waitFor();
    const open = card.getByRole('link', { name: /^Atvērti: \d+$/ });
    await open.waitFor();
    const before = Number((await open.textContent())?.trim());
    expect(before).toBeGreaterThan(0);
    await scanBoth(page, 'home-coordinator');
    await open.click();
    await page.getByRole('heading', { name: 'Mani uzdevumi', level: 1 }).waitFor();
    // The demo's students past 20 unjustified lessons whose municipality was not informed.
    const list = page.getByRole('list', { name: 'Uzdevumi' });
    await list
      .getByText(/^Informēt pašvaldību par \d+ neattaisnoti kavētām stundām$/)
      .first()
      .waitFor();
    await scanBoth(page, 'tasks-open');

    await page.getByRole('button', { name: 'Jauns uzdevums' }).click();
    const dialog = page.getByRole('dialog', { name: 'Jauns uzdevums' });
    await dialog.getByLabel('Uzdevums').fill('Sagatavot atbalsta komandas sanāksmi');
    await scanBoth(page, 'task-new-dialog');
    await dialog.getByRole('button', { name: 'Izveidot' }).click();
    await page.getByText('Uzdevums izveidots.').waitFor();
    await list.getByText('Sagatavot atbalsta komandas sanāksmi').waitFor();
    await page
      .getByRole('button', { name: 'Atzīmēt kā izpildītu: Sagatavot atbalsta komandas sanāksmi' })
      .click();
    await page.getByText('Uzdevums atzīmēts kā izpildīts.').waitFor();
    await expect
      .poll(() => list.getByText('Sagatavot atbalsta komandas sanāksmi').count(), { timeout: 15_000 })
      .toBe(0);
    await page.getByText('Izpildītie').click();
    await page.waitForURL((url) => url.search.includes('status=done'));
    await page.getByText('Sagatavot atbalsta komandas sanāksmi').waitFor();
    await page
      .getByText(/atzīmēja /)
      .first()
      .waitFor();
    await scanBoth(page, 'tasks-done');
    await page.getByRole('link', { name: 'Sākums' }).first().click();
    await expect
      .poll(
        async () => Number((await page.getByRole('link', { name: /^Atvērti: \d+$/ }).textContent())?.trim()),
        {
          timeout: 15_000,
        },
      )
      .toBe(before);
    await signOut(page);
  }, 300_000);

  it('the auditor’s start page leads to the audit log, with counts and no tasks', async () => {
    const { page } = e2e;
    await signIn(e2e, 'auditors');
    const card = page.getByRole('region', { name: 'Audita žurnāls' });
    await card.waitFor();
    await card.getByRole('link', { name: /^Notikumi pēdējās 7 dienās: \d+$/ }).waitFor();
    expect(await page.getByRole('link', { name: 'Uzdevumi' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Mani uzdevumi' }).count()).toBe(0);
    await scanBoth(page, 'home-auditor');
    await card.getByRole('link', { name: 'Atvērt audita žurnālu' }).click();
    await page.getByRole('heading', { name: 'Audita žurnāls', level: 1 }).waitFor();
    await signOut(page);
  }, 300_000);

  it('every page visited passes axe at 1366 and 360 px', () => {
    expect(visited.length).toBe(10);
    expect(visited.filter((v) => v.violations.length > 0)).toEqual([]);
  });
});
