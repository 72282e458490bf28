import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classListCsv, classListRows } from '../test/fixtures.ts';
import { ONE_PIXEL_PNG } from '../test/scan-samples.ts';
import { axeViolations, type E2E, screenshot, signIn, startE2E } from './harness.ts';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

/** A 50-row class list: row 5 has a wrong check digit, row 12 no first name, and the class column a name the guess misses. */
function classListWithProblems(): { csv: string; studentName: string } {
  const rows = classListRows(50);
  const bad = rows[3].personalCode;
  rows[3] = { ...rows[3], personalCode: `${bad.slice(0, -1)}${(Number(bad.slice(-1)) + 1) % 10}` };
  rows[10] = { ...rows[10], firstName: '' };
  const headers = ['Personas kods', 'Vārds', 'Uzvārds', 'Skolēna klase', 'Dzimšanas datums'];
  // Row 19 is "Čaklais Kļaviņš", a name no demo student has.
  return { csv: classListCsv(rows, ';', headers), studentName: `${rows[19].firstName} ${rows[19].lastName}` };
}

/** A 1×1 PNG, standing in for the scan of a signed application. */
const PNG = ONE_PIXEL_PNG;

const mainText = (page: Page) =>
  page
    .locator('main')
    .textContent()
    .then((text) => text ?? '');

/** The number shown under a count label ("Jauni", "Ar kļūdām") of the import preview. */
async function previewCount(page: Page, label: string): Promise<string> {
  const term = page.locator('dt', { hasText: new RegExp(`^${label}$`) });
  return (await term.locator('xpath=following-sibling::dd[1]').textContent()) ?? '';
}

describe('student register: class-list import, profile, guardian and application', () => {
  const visited: { name: string; violations: string[] }[] = [];
  const { csv, studentName } = classListWithProblems();

  it('opens the student list and the import page as the school coordinator', async () => {
    const { page } = e2e;
    await signIn(e2e, 'koord.s1');
    await page.getByRole('link', { name: 'Skolēni', exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Skolēni');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(50);
    visited.push({ name: 'student-list', violations: await axeViolations(page) });
    // Pages by cursor: next, then back with the keyboard.
    const pages = page.getByRole('navigation', { name: 'Lappuses' });
    const firstName = await page.locator('tbody tr').first().textContent();
    await pages.getByRole('button', { name: 'Nākamā lappuse' }).click();
    await expect.poll(() => mainText(page)).toMatch(/51–100/);
    await expect.poll(() => page.locator('tbody tr').first().textContent()).not.toBe(firstName);
    visited.push({ name: 'student-list-page-2', violations: await axeViolations(page) });
    await screenshot(page, 'students-page-2');
    await pages.getByRole('button', { name: 'Iepriekšējā lappuse' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => mainText(page)).toMatch(/1–50/);
    await expect.poll(() => page.locator('tbody tr').first().textContent()).toBe(firstName);
    expect(await pages.getByRole('button', { name: 'Iepriekšējā lappuse' }).isDisabled()).toBe(true);
    await page.getByRole('link', { name: 'Importēt sarakstu' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Klašu saraksta imports');
    visited.push({ name: 'import-upload', violations: await axeViolations(page) });
  });

  it('uploads the file and makes the user map the unrecognised class column', async () => {
    const { page } = e2e;
    await page.locator('input[type=file]').setInputFiles({
      name: '7-9-klases.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv, 'utf8'),
    });
    await page.getByRole('button', { name: 'Augšupielādēt' }).click();
    await expect.poll(() => mainText(page)).toContain('50 datu rindu, 5 kolonnas');
    const classSelect = page.getByRole('combobox', { name: 'Klase', exact: true });
    expect(await classSelect.inputValue()).toBe('');
    expect(await page.getByRole('combobox', { name: 'Vārds', exact: true }).inputValue()).toBe('Vārds');
    // Checking without the required column is refused next to the field.
    await page.getByRole('button', { name: 'Pārbaudīt' }).click();
    await expect.poll(() => mainText(page)).toContain('Norādiet kolonnu šim laukam.');
    visited.push({ name: 'import-mapping', violations: await axeViolations(page) });
    await classSelect.click();
    await page.getByRole('option', { name: 'Skolēna klase' }).click();
    expect(await classSelect.inputValue()).toBe('Skolēna klase');
  });

  it('previews 48 new rows and 2 errors, with Import disabled until they are excluded', async () => {
    const { page } = e2e;
    await page.getByRole('button', { name: 'Pārbaudīt' }).click();
    await expect.poll(() => previewCount(page, 'Ar kļūdām')).toBe('2');
    expect(await previewCount(page, 'Jauni')).toBe('48');
    const importButton = page.getByRole('button', { name: 'Importēt', exact: true });
    expect(await importButton.isDisabled()).toBe(true);
    const text = await mainText(page);
    expect(text).toContain('Personas kods: Personas koda kontrolcipars nesakrīt');
    expect(text).toContain('Vārds: Obligāts lauks.');
    expect(await page.getByRole('link', { name: /kļūdu pārskatu/ }).getAttribute('href')).toMatch(
      /errors\.csv$/,
    );
    await screenshot(page, 'import-preview');
    visited.push({ name: 'import-preview', violations: await axeViolations(page) });

    await page.getByRole('checkbox', { name: 'Izslēgt 5. rindu no importa' }).check();
    await expect.poll(() => previewCount(page, 'Ar kļūdām')).toBe('1');
    await page.getByRole('checkbox', { name: 'Izslēgt 12. rindu no importa' }).check();
    await expect.poll(() => previewCount(page, 'Ar kļūdām')).toBe('0');
    expect(await previewCount(page, 'Izslēgti')).toBe('2');
    await expect.poll(() => importButton.isEnabled()).toBe(true);
  });

  it('imports the 48 valid students', async () => {
    const { page } = e2e;
    await page.getByRole('button', { name: 'Importēt', exact: true }).click();
    await expect.poll(() => mainText(page)).toContain('Imports pabeigts');
    expect(await previewCount(page, 'Izveidoti')).toBe('48');
    expect(await previewCount(page, 'Izslēgti')).toBe('2');
    visited.push({ name: 'import-result', violations: await axeViolations(page) });
  });

  it('finds an imported student by name and opens the profile', async () => {
    const { page } = e2e;
    await page.getByRole('link', { name: 'Uz skolēnu sarakstu', exact: true }).click();
    await page.getByRole('searchbox', { name: 'Meklēt' }).fill(studentName);
    await page.waitForURL((url) => url.searchParams.get('q') === studentName);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    expect(await page.locator('tbody tr').textContent()).toContain('Nav spēkā');
    visited.push({ name: 'student-list-search', violations: await axeViolations(page) });
    await page.getByRole('link', { name: 'Kļaviņš Čaklais' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe(studentName);
    const text = await mainText(page);
    expect(text).toContain('Ziemeļu novada 1. vidusskola');
    expect(text).toContain('Nav spēkā esoša iesnieguma');
    await page.getByRole('button', { name: 'Rādīt pilnu kodu' }).click();
    await expect.poll(() => mainText(page)).toMatch(/\d{6}-\d{5}/);
    visited.push({ name: 'profile-basics', violations: await axeViolations(page) });
  });

  it('adds a guardian', async () => {
    const { page } = e2e;
    await page.getByRole('tab', { name: /Likumiskie pārstāvji/ }).click();
    await expect.poll(() => mainText(page)).toContain('Skolēnam nav reģistrētu likumisko pārstāvju.');
    await page.getByRole('textbox', { name: 'Vārds', exact: true }).fill('Inese');
    await page.getByRole('textbox', { name: 'Uzvārds', exact: true }).fill('Kļaviņa');
    await page.getByRole('combobox', { name: 'Radniecība', exact: true }).click();
    await page.getByRole('option', { name: 'Māte' }).click();
    await page.getByRole('textbox', { name: 'Tālrunis' }).fill('+371 26123456');
    await page.getByRole('button', { name: 'Pievienot', exact: true }).click();
    await expect.poll(() => mainText(page)).toContain('Likumiskais pārstāvis Inese Kļaviņa pievienots.');
    expect(await page.locator('tbody').textContent()).toContain('Inese Kļaviņa');
    expect(await page.getByRole('tab', { name: /Likumiskie pārstāvji/ }).textContent()).toContain('(1)');
    visited.push({ name: 'profile-guardians', violations: await axeViolations(page) });
  });

  it('records an application signed by the guardian and shows it in force', async () => {
    const { page } = e2e;
    await page.getByRole('tab', { name: /Iesniegumi/ }).click();
    await expect.poll(() => mainText(page)).toContain('Nav reģistrētu iesniegumu.');
    // The only guardian is already chosen as the signer; the date defaults to today.
    expect(
      await page.getByRole('combobox', { name: 'Likumiskais pārstāvis, kas parakstīja' }).inputValue(),
    ).toBe('Inese Kļaviņa (Māte)');
    await page.getByRole('textbox', { name: 'Dokumenta numurs' }).fill('IES-2026-S1-901');
    await page.getByRole('button', { name: 'Reģistrēt iesniegumu' }).click();
    await expect.poll(() => mainText(page)).toContain('Iesniegums reģistrēts.');
    const row = page.locator('tbody tr').first();
    expect(await row.textContent()).toContain('Inese Kļaviņa');
    expect(await row.textContent()).toContain('Spēkā');
    expect(await row.textContent()).toContain('IES-2026-S1-901');
    expect(await mainText(page)).toContain('Iesniegums ir spēkā');
    // A scan of the signed application, uploaded as the raw body with its own type.
    await page
      .locator('tbody input[type=file]')
      .setInputFiles({ name: 'iesniegums.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => mainText(page)).toContain('Lejupielādēt iesniegums.png');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'student-profile');
    visited.push({ name: 'profile-applications', violations: await axeViolations(page) });
  });

  it('shows the application as in force in the list as well', async () => {
    const { page } = e2e;
    await page.getByRole('link', { name: 'Atpakaļ uz skolēnu sarakstu' }).click();
    await page.getByRole('searchbox', { name: 'Meklēt' }).fill(studentName);
    await page.waitForURL((url) => url.searchParams.get('q') === studentName);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await expect.poll(() => page.locator('tbody tr').textContent()).toContain('Ir spēkā');
  });

  it('has no axe violations on any page visited', () => {
    expect(visited.map((v) => v.name)).toHaveLength(10);
    for (const v of visited) expect(v.violations, v.name).toEqual([]);
  });
});
