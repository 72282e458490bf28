import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSemesters } from '../server/domains/calendar/index.ts';
import { ONE_PIXEL_PNG } from '../test/scan-samples.ts';
import { axeViolations, type E2E, SCREENSHOT_DIR, screenshot, signIn, startE2E } from './harness.ts';

let e2e: E2E;
/** The demo's current semester and the one after it, as the semester select names them. */
let currentLabel = '';
let nextLabel = '';
beforeAll(async () => {
  e2e = await startE2E();
  const list = await e2e.database.read((db) => findSemesters(db)); // newest first
  const i = list.findIndex((s) => s.current);
  const label = (s: { schoolYear: number; number: number }) =>
    `${s.schoolYear}./${s.schoolYear + 1}. m. g. ${s.number}. semestris`;
  currentLabel = label(list[i]);
  nextLabel = label(list[i - 1]);
});
afterAll(() => e2e?.close());

const SCHOOL = 'Ziemeļu novada 1. vidusskola';
const REASON = 'Skolēns pārcēlās uz dzīvi 30 km tālāk, vajadzīgas papildu biļetes';

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Iziet' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/login'));
}

/** Picks an option of a labelled Mantine select. */
async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The cells of a table row headed by a category, as text. */
async function rowText(page: Page, category: string): Promise<string> {
  return (await page.getByRole('row', { name: new RegExp(`^${category}`) }).textContent()) ?? '';
}

/** Opens a dialog with a button, types an amount and saves; waits until the dialog is gone. */
async function saveAmount(page: Page, button: string, field: string, amount: string): Promise<void> {
  await page.getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog');
  const input = dialog.getByRole('textbox', { name: field });
  await input.fill(amount);
  await dialog.getByRole('button', { name: 'Saglabāt' }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** Waits for a Mantine transition to end, so axe sees the final colours. */
async function settled(locator: Locator): Promise<void> {
  await locator.waitFor();
  await locator.page().waitForTimeout(300);
}

describe('budgets, per-student caps and economic payments', () => {
  const visited: { name: string; violations: string[] }[] = [];
  const scan = async (page: Page, name: string) =>
    visited.push({ name, violations: await axeViolations(page) });
  const started = Date.now();

  it('lets the municipal coordinator allocate a school’s transport and study-materials budget', async () => {
    const { page } = e2e;
    await signIn(e2e, 'koord.ziemelu');
    await page.getByRole('link', { name: 'Budžets' }).click();
    await page.getByRole('heading', { level: 1, name: 'Atbalsta budžets' }).waitFor();
    await expect
      .poll(() => page.getByText('Izvēlieties skolu, lai redzētu tās budžetu.').isVisible())
      .toBe(true);
    await choose(page, 'Skola', SCHOOL);
    expect(await page.getByRole('combobox', { name: 'Semestris' }).inputValue()).toBe(
      `${currentLabel} (pašreizējais)`,
    );
    await page.getByRole('heading', { level: 2, name: `${SCHOOL}, ${currentLabel}` }).waitFor();

    await saveAmount(page, 'Mainīt piešķīrumu: Transports', 'Piešķirtā summa, €', '100,00');
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'Budžets saglabāts' }).textContent())
      .toBe('Budžets saglabāts: Transports — 100,00 €.');
    await saveAmount(page, 'Mainīt piešķīrumu: Mācību līdzekļi', 'Piešķirtā summa, €', '100,00');
    await expect
      .poll(() => rowText(page, 'Mācību līdzekļi'))
      .toBe('Mācību līdzekļi100,00 €0,00 €100,00 €Mainīt');
    expect(await rowText(page, 'Transports')).toBe('Transports100,00 €0,00 €100,00 €Mainīt');

    // A typing mistake is caught in the dialog, next to the field.
    await page.getByRole('button', { name: 'Mainīt piešķīrumu: Ēdināšana' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Piešķirtā summa, €' }).fill('12,345');
    await dialog.getByRole('button', { name: 'Saglabāt' }).click();
    await dialog.getByText('Ievadiet summu eiro, piemēram, 25,50.').waitFor();
    await settled(dialog);
    await scan(page, 'budget allocation dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await screenshot(page, 'budgets-page');
    await scan(page, 'budgets page');

    // The next semester has nothing allocated yet: said in words.
    await choose(page, 'Semestris', nextLabel);
    await expect.poll(() => rowText(page, 'Transports')).toBe('Transports—0,00 €nav piešķirtsMainīt');
    await screenshot(page, 'budgets-page-unallocated');
    await signOut(page);
  });

  it('lets the national admin set the per-student caps', async () => {
    const { page } = e2e;
    await signIn(e2e, 'admin');
    await page.goto(`${e2e.baseUrl}/budgets/caps`);
    await page.getByRole('heading', { level: 1, name: 'Limiti vienam skolēnam' }).waitFor();
    await expect.poll(() => page.getByText('Ministru kabineta noteikumi Nr. 460').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Pašlaik nav noteikts neviens limits.').isVisible()).toBe(true);
    await saveAmount(page, 'Mainīt limitu: Transports', 'Limits, €', '50,00');
    await expect.poll(() => rowText(page, 'Transports')).toBe('Transports50,00 €Mainīt');
    await saveAmount(page, 'Mainīt limitu: Mācību līdzekļi', 'Limits, €', '50');
    await expect.poll(() => rowText(page, 'Mācību līdzekļi')).toBe('Mācību līdzekļi50,00 €Mainīt');
    expect(await rowText(page, 'Ēdināšana')).toBe('Ēdināšananav noteiktsMainīt');
    await screenshot(page, 'budgets-caps');
    await scan(page, 'caps page');
    await signOut(page);
  });

  it('records payments on the in-progress plan, and one beyond the cap with a coordinator’s reason', async () => {
    const { page } = e2e;
    await signIn(e2e, 'koord.s1');
    const plans = await page.evaluate(() =>
      fetch('/api/plans?status=in_progress').then(
        (r) => r.json() as Promise<{ items: { id: string; schoolName: string }[] }>,
      ),
    );
    const plan = plans.items.find((p) => p.schoolName === SCHOOL);
    expect(plan).toBeDefined();
    await page.goto(`${e2e.baseUrl}/plans/${plan?.id}`);
    const section = page.getByRole('region', { name: 'Maksājumi', exact: true });
    await section
      .getByRole('heading', { level: 3, name: 'Ekonomiskais atbalsts: Transports' })
      .first()
      .waitFor();
    const fact = (label: string) =>
      section.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');
    expect(await fact('Plānots').textContent()).toBe('45,00 €');
    expect(await fact('Skolas budžeta atlikums (transports)').textContent()).toBe('100,00 €');
    await expect.poll(() => section.getByText('Maksājumi vēl nav reģistrēti.').isVisible()).toBe(true);

    const form = section.getByRole('region', { name: 'Reģistrēt maksājumu' });
    const fill = async (amount: string, document: string, twice = false) => {
      await form.getByRole('textbox', { name: 'Summa, €' }).fill(amount);
      await form.getByRole('textbox', { name: 'Saņēmējs' }).fill('AS „Pasažieru vilciens”');
      await form.getByRole('textbox', { name: 'Dokumenta numurs' }).fill(document);
      // Submitted twice faster than the button can show it is busy (a double click, a double Enter):
      // both submissions leave, one payment is made.
      if (twice)
        await form.locator('form').evaluate((f: HTMLFormElement) => {
          f.requestSubmit();
          f.requestSubmit();
        });
      else await form.getByRole('button', { name: 'Reģistrēt maksājumu' }).click();
    };
    // Nothing typed: each required field says so.
    await form.getByRole('button', { name: 'Reģistrēt maksājumu' }).click();
    expect(await form.getByText('Šis lauks ir obligāts.').count()).toBeGreaterThanOrEqual(3);

    const paymentPosts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/payments'))
        paymentPosts.push(r.headers()['idempotency-key'] ?? '');
    });
    await fill('30,00', 'Čeks 0001', true);
    await expect.poll(() => section.getByRole('status').textContent()).toBe('Maksājums 30,00 € reģistrēts.');
    await expect.poll(() => fact('Skolas budžeta atlikums (transports)').textContent()).toBe('70,00 €');
    expect(await fact('Izmaksāts').textContent()).toBe('30,00 €');
    expect(await fact('Atlikums plānā').textContent()).toBe('15,00 €');

    // 30 + 30 € is beyond the 50 € cap: refused with the server's message, then allowed with a reason.
    await fill('30,00', 'Čeks 0002');
    const refused = form.getByRole('alert');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('pārsniegtu vienam skolēnam noteikto limitu');
    const reason = form.getByRole('textbox', { name: 'Pamatojums' });
    await expect.poll(() => reason.evaluate((el) => el === document.activeElement)).toBe(true);
    await form.getByRole('button', { name: 'Atļaut ar pamatojumu' }).click();
    await form.getByText('Pamatojumam jābūt vismaz 5 rakstzīmes garam.').waitFor();
    await settled(refused);
    await scan(page, 'plan payments, refused over the cap');
    await reason.fill(REASON);
    await form.getByRole('button', { name: 'Atļaut ar pamatojumu' }).click();
    await expect
      .poll(() => section.getByRole('status').textContent())
      .toBe('Maksājums 30,00 € reģistrēts ar pārsnieguma pamatojumu.');
    const submit = form.getByRole('button', { name: 'Reģistrēt maksājumu' });
    await expect.poll(() => submit.evaluate((el) => el === document.activeElement)).toBe(true);
    const rows = section.getByRole('table').getByRole('row');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.nth(2).textContent()).toContain(REASON);
    expect(await rows.nth(1).textContent()).toContain('Čeks 0001');
    // The double submission sent the payment twice with one Idempotency-Key; the table shows one payment.
    expect(paymentPosts.length).toBeGreaterThanOrEqual(2);
    expect(paymentPosts[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Set(paymentPosts.slice(0, 2)).size).toBe(1);
    expect(await fact('Skolas budžeta atlikums (transports)').textContent()).toBe('40,00 €');
    expect(await fact('Atlikums plānā').textContent()).toBe('pārsniegts par 15,00 €');
    // The section alone, below the fixed header (a full-page shot puts the header over it).
    await page.setViewportSize({ width: 1280, height: 1300 });
    await section.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 80));
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'budgets-plan-payments.png') });
    await page.setViewportSize({ width: 1280, height: 860 });
    await scan(page, 'plan page with payments');

    // The school's own budget page shows the use.
    await page.getByRole('link', { name: 'Budžets' }).click();
    await expect.poll(() => rowText(page, 'Transports')).toBe('Transports100,00 €60,00 €40,00 €');
    await scan(page, 'budgets page (school)');

    // In English too, with euros written the English way.
    await page
      .getByLabel(/valoda/i)
      .getByText('EN')
      .filter({ visible: true })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Support budget' }).waitFor();
    await expect.poll(() => rowText(page, 'Transport')).toBe('Transport€100.00€60.00€40.00');
    await scan(page, 'budgets page (English)');
    await page
      .getByLabel(/language/i)
      .getByText('LV')
      .filter({ visible: true })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Atbalsta budžets' }).waitFor();
  });

  it('attaches a receipt scan to a payment and offers it for download', async () => {
    const { page } = e2e;
    const plans = await page.evaluate(() =>
      fetch('/api/plans?status=in_progress').then(
        (r) => r.json() as Promise<{ items: { id: string; schoolName: string }[] }>,
      ),
    );
    const plan = plans.items.find((p) => p.schoolName === SCHOOL);
    await page.goto(`${e2e.baseUrl}/plans/${plan?.id}`);
    const section = page.getByRole('region', { name: 'Maksājumi', exact: true });
    await section.getByRole('button', { name: 'Pievienot skenējumu' }).first().waitFor();
    // A whole PNG: the server checks the structure, not only the name.
    const png = ONE_PIXEL_PNG;
    await section
      .locator('input[type=file]')
      .first()
      .setInputFiles({ name: 'čeks.png', mimeType: 'image/png', buffer: png });
    const link = section.getByRole('link', { name: 'Lejupielādēt' }).first();
    await link.waitFor();
    const href = await link.getAttribute('href');
    const bytes = await page.evaluate(
      async (url) => (await fetch(url as string)).arrayBuffer().then((b) => b.byteLength),
      href,
    );
    expect(bytes).toBe(png.length);
    await scan(page, 'plan payments with a scan');
  });

  it('has no accessibility violations on the pages visited', () => {
    for (const { name, violations } of visited) expect(violations, name).toEqual([]);
    console.info(`budgets e2e took ${Math.round((Date.now() - started) / 1000)} s`);
  });
});
