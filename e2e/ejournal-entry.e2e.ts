import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetClock, standInSemester, type TestCalendar } from './clock.ts';
import { axeViolations, type E2E, screenshot, signIn, startE2E } from './harness.ts';

let e2e: E2E;
let cal: TestCalendar;
beforeAll(async () => {
  e2e = await startE2E();
  cal = await standInSemester(e2e);
});
afterAll(async () => {
  resetClock();
  await e2e?.close();
});

const mainText = (page: Page) =>
  page
    .locator('main')
    .textContent()
    .then((text) => text ?? '');

/** The number under a label of the indicators' definition list; 0 while the semester has no data. */
async function fact(page: Page, label: string): Promise<number> {
  const term = page.locator('dt', { hasText: new RegExp(`^${label}$`) });
  if ((await term.count()) === 0) return 0;
  return Number((await term.locator('xpath=following-sibling::dd[1]').textContent()) ?? '');
}

/** Types a date into a labelled date field and leaves it. */
async function fillDate(page: Page, label: string, date: string) {
  const box = page.getByRole('textbox', { name: label });
  await box.fill(date);
  await box.press('Tab');
}

const UNJUSTIFIED = 'Neattaisnoti kavētas stundas';
const LOW_MARKS = 'Mācību priekšmeti ar pēdējo vērtējumu zem 4 vai „nv”';

describe('hand entry of e-journal records on the student profile', () => {
  it('adds an unjustified absence and a mark, and the indicators follow', async () => {
    const { page } = e2e;
    await signIn(e2e, 'koord.s1');
    const student = await page.evaluate(async () => {
      const list = await (await fetch('/api/students?pageSize=1')).json();
      return list.items[0] as { id: string };
    });
    await page.goto(`${e2e.baseUrl}/students/${student.id}?tab=indicators`);
    expect(await page.getByRole('tab', { name: 'Apmeklējums un sekmes' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Ievadīt ar roku' }) });
    await expect.poll(() => section.count()).toBe(1);
    await expect
      .poll(() => mainText(page))
      .toMatch(/Neattaisnoti kavētas stundas|Šajā semestrī par skolēnu nav e-žurnāla datu/);
    const before = await fact(page, UNJUSTIFIED);
    const lowBefore = await fact(page, LOW_MARKS);

    // One unjustified absence in the 3rd lesson on a Monday of the current semester.
    expect(await section.getByRole('radio', { name: 'Kavējums' }).isChecked()).toBe(true);
    await fillDate(page, 'Datums', cal.lv(cal.weekday(8)));
    const lessonNo = section.getByRole('textbox', { name: 'Stundas numurs' });
    expect(await section.getByText('0 — Visa diena').count()).toBe(1);
    expect(await section.getByRole('textbox', { name: 'Nokavēto stundu skaits' }).count()).toBe(1);
    await lessonNo.fill('3');
    expect(await section.getByRole('textbox', { name: 'Nokavēto stundu skaits' }).count()).toBe(0);
    expect(await section.getByRole('radio', { name: 'Neattaisnots' }).isChecked()).toBe(true);
    await section.getByRole('button', { name: 'Saglabāt' }).click();
    await expect.poll(() => section.getByRole('status').textContent()).toBe('Saglabāts.');
    await expect.poll(() => fact(page, UNJUSTIFIED)).toBe(before + 1);

    // A mark "nv" on the same day in a subject without marks so far: its latest mark is then "nv".
    await section.getByText('Vērtējums', { exact: true }).click();
    await expect.poll(() => section.getByRole('status').textContent()).toBe('');
    await fillDate(page, 'Datums', cal.lv(cal.weekday(8)));
    await section.getByRole('textbox', { name: 'Mācību priekšmets' }).fill('Astronomija');
    await section.getByRole('combobox', { name: 'Vērtējums' }).click();
    await page.getByRole('option', { name: 'nv', exact: true }).click();
    await section.getByRole('button', { name: 'Saglabāt' }).click();
    await expect.poll(() => section.getByRole('status').textContent()).toBe('Saglabāts.');
    await expect.poll(() => fact(page, LOW_MARKS)).toBe(lowBefore + 1);

    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'ejournal-entry');
    expect(await axeViolations(page)).toEqual([]);
  });
});
