import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultOutcomeYear } from '../common/api/outcomes.ts';
import { findOrganisationByCode } from '../server/domains/organisations/index.ts';
import { findProgrammeStudents } from '../server/domains/outcomes/index.ts';
import { today } from '../server/platform/clock.ts';
import { axeViolations, type E2E, screenshot, signIn, startE2E } from './harness.ts';

let e2e: E2E;
/** School 1's programme students of the default year, as the page lists them. */
let students: { name: string; code: string }[] = [];
let year = 0;
beforeAll(async () => {
  e2e = await startE2E();
  year = defaultOutcomeYear(today());
  students = await e2e.database.read(async (db) => {
    const school = await findOrganisationByCode(db, 'ZIEM-S1');
    const rows = await findProgrammeStudents(db, school?.id ?? '', year);
    return rows.map((r) => ({ name: `${r.last_name} ${r.first_name}`, code: r.personal_code }));
  });
}, 300_000);
afterAll(() => e2e?.close());

const SCHOOL = 'Ziemeļu novada 1. vidusskola';
const yearLabel = () => `${year}/${String((year + 1) % 100).padStart(2, '0')}`;

/** Picks an option of a labelled Mantine select. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

function csvFile(name: string, text: string): string {
  const file = path.join(os.tmpdir(), `${Date.now()}-${name}`);
  writeFileSync(file, text);
  return file;
}

describe('year-end outcomes', () => {
  const visited: { name: string; violations: string[] }[] = [];
  const scan = async (page: Page, name: string) =>
    visited.push({ name, violations: await axeViolations(page) });

  it('lets a school coordinator record an outcome, a reason for leaving education, and import a file', async () => {
    expect(students.length).toBeGreaterThanOrEqual(2);
    const { page } = e2e;
    await signIn(e2e, 'koord.s1');
    await page.getByRole('link', { name: 'Mācību gada iznākumi' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mācību gada iznākumi' }).waitFor();
    await page.getByRole('heading', { level: 2, name: `${SCHOOL}, ${yearLabel()}. mācību gads` }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Mācību gads' }).inputValue()).toBe(yearLabel());

    const [first, second] = students;
    await choose(page, `Iznākums: ${first.name}`, 'Pagarināts mācību gads');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Iznākums saglabāts' }).textContent())
      .toBe(`Iznākums saglabāts: ${first.name}.`);

    await choose(page, `Iznākums: ${second.name}`, 'Pārtrauca izglītību');
    await page
      .getByRole('textbox', { name: `Izglītības pārtraukšanas iemesls: ${second.name}` })
      .fill('Aizbrauca');
    await page.getByRole('button', { name: `Saglabāt iemeslu: ${second.name}` }).click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Iznākums saglabāts' }).textContent())
      .toBe(`Iznākums saglabāts: ${second.name}.`);
    await expect
      .poll(() => page.getByTestId('outcome-summary').textContent())
      .toMatch(/^Iznākums norādīts [2-9]/);

    // A file with a wrong outcome in the middle: nothing saved, the row named.
    const bad = csvFile(
      'slikts.csv',
      `Personas kods;Iznākums;Iemesls\n${first.code};continues;\n${second.code};izkrita;\n`,
    );
    await page.locator('input[type="file"]').setInputFiles(bad);
    await page.getByRole('alert').filter({ hasText: 'Fails netika ielādēts' }).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: 'Rinda 3' }).textContent()).toContain('Iznākums');
    expect(await page.getByRole('combobox', { name: `Iznākums: ${first.name}` }).inputValue()).toBe(
      'Pagarināts mācību gads',
    );

    const good = csvFile(
      'iznakumi.csv',
      `Personas kods;Iznākums;Iemesls\n${first.code};Turpina mācības tajā pašā skolā;\n${second.code};graduated;\n`,
    );
    await page.locator('input[type="file"]').setInputFiles(good);
    await page.getByRole('status').filter({ hasText: 'Ielādētas 2 rindas; saglabāti 2 iznākumi.' }).waitFor();
    await expect
      .poll(() => page.getByRole('combobox', { name: `Iznākums: ${first.name}` }).inputValue())
      .toBe('Turpina mācības tajā pašā skolā');
    await page.waitForTimeout(300);
    await screenshot(page, 'outcomes-school-coordinator');
    await scan(page, 'outcomes');
  }, 180_000);

  it('has no axe violations on the pages visited', () => {
    expect(visited.filter((v) => v.violations.length)).toEqual([]);
  });
});
