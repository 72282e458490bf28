import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../server/platform/clock.ts';
import { axeViolations, type E2E, screenshot, signIn, startE2E } from './harness.ts';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

// The school year today falls in (named by the year it starts in), and the next one, created ahead.
const year = Number(today().slice(5, 7)) >= 9 ? Number(today().slice(0, 4)) : Number(today().slice(0, 4)) - 1;
const next = year + 1;
const nextFirst = `${next}./${next + 1}. m. g. 1. semestris`;

async function fillDate(page: Page, form: string, label: string, date: string): Promise<void> {
  const box = page.getByRole('form', { name: form }).getByRole('textbox', { name: label });
  await box.fill(date);
  await box.press('Tab');
}

describe('the school-year calendar', () => {
  const visited: { name: string; violations: string[] }[] = [];
  const scan = async (page: Page, name: string) =>
    visited.push({ name, violations: await axeViolations(page) });

  it('shows the national admin the current school year and the next one, created ahead', async () => {
    const { page } = e2e;
    await signIn(e2e, 'admin');
    await page.getByRole('link', { name: 'Mācību gada kalendārs' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mācību gada kalendārs' }).waitFor();
    const current = page.getByRole('region', { name: `${year}./${year + 1}. mācību gads` });
    await current.waitFor();
    await page.getByRole('region', { name: `${next}./${next + 1}. mācību gads` }).waitFor();
    expect(await page.getByText('pašreizējais', { exact: true }).count()).toBe(1);
    await scan(page, 'calendar');
  });

  it('moves the next school year’s first semester and keeps the new dates', async () => {
    const { page } = e2e;
    await fillDate(page, nextFirst, 'Sākums', `02.09.${next}`);
    await page.getByRole('button', { name: `Saglabāt: ${nextFirst}` }).click();
    await page.getByText(`Saglabāts: ${nextFirst}.`).waitFor();
    await page.reload();
    const start = page.getByRole('form', { name: nextFirst }).getByRole('textbox', { name: 'Sākums' });
    await expect.poll(() => start.inputValue()).toBe(`02.09.${next}`);
  });

  it('refuses dates that overlap the next semester, with the reason', async () => {
    const { page } = e2e;
    await fillDate(page, nextFirst, 'Beigas', `05.01.${next + 1}`);
    await page.getByRole('button', { name: `Saglabāt: ${nextFirst}` }).click();
    await page.getByText('Semestris pārklājas ar citu semestri.').first().waitFor();
    await screenshot(page, 'calendar-overlap');
    await scan(page, 'calendar with an error');
  });

  it('is not offered to a school coordinator', async () => {
    const { page } = e2e;
    await page.getByRole('button', { name: 'Iziet' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/login'));
    await signIn(e2e, 'koord.s1');
    expect(await page.getByRole('link', { name: 'Mācību gada kalendārs' }).count()).toBe(0);
    await page.goto(`${e2e.baseUrl}/calendar`);
    await page.getByRole('heading', { name: 'Lapa nav atrasta' }).waitFor();
  });

  it('has no accessibility violations on the pages visited', () => {
    for (const { name, violations } of visited) expect(violations, name).toEqual([]);
  });
});
