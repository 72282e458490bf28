import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../test/pdf.ts';
import { axeViolations, type E2E, signIn, startE2E } from './harness.ts';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const SHOTS = path.resolve('.tmp', 'letters-e2e');

async function apiGet<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(`${e2e.baseUrl}${url}`);
  expect(response.ok(), `${url} answered ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

async function apiPost(page: Page, url: string, body: unknown): Promise<void> {
  const { token } = await apiGet<{ token: string }>(page, '/api/auth/csrf');
  const response = await page.request.post(`${e2e.baseUrl}${url}`, {
    data: body,
    headers: { 'x-csrf-token': token },
  });
  expect(response.ok(), `${url} answered ${response.status()}: ${await response.text()}`).toBe(true);
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Iziet' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/login'));
}

describe('letters to guardians', () => {
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

  it('a coordinator sends the plan summary (printed) and it shows on the record with its PDF', async () => {
    const { page } = e2e;
    await signIn(e2e, 'koord.s1');
    type List = { items: { id: string; studentId: string; studentName: string }[] };
    const plan = (await apiGet<List>(page, '/api/plans?status=in_progress')).items[0];
    const student = await apiGet<{ guardians: { id: string }[] }>(page, `/api/students/${plan.studentId}`);
    if (student.guardians.length === 0)
      await apiPost(page, `/api/students/${plan.studentId}/guardians`, {
        firstName: 'Ilze',
        lastName: 'Vecāka',
        relation: 'mother',
      });
    await page.goto(`${e2e.baseUrl}/students/${plan.studentId}?tab=letters`);
    await page.getByRole('heading', { name: 'Jauna vēstule' }).waitFor();
    expect(await page.getByRole('tab', { name: 'Vēstules' }).getAttribute('aria-selected')).toBe('true');
    await page.getByText('Vēstules vēl nav sūtītas.').waitFor();
    expect(await page.getByRole('combobox', { name: 'Vēstules veids' }).inputValue()).toBe(
      'Plāna kopsavilkums',
    );
    expect(await page.getByRole('combobox', { name: 'Kā nodota' }).inputValue()).toBe('Izdrukāta');
    await page.getByRole('button', { name: 'Sagatavot un reģistrēt' }).click();
    await page.getByText('Vēstule sagatavota un reģistrēta.').waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Plāna kopsavilkums' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('Izdrukāta');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      row.getByRole('link', { name: 'Lejupielādēt vēstuli “Plāna kopsavilkums”' }).click(),
    ]);
    const text = await pdfText(new Uint8Array(readFileSync(await download.path())));
    expect(text).toContain('Atbalsta plāna kopsavilkums');
    expect(text).toContain(plan.studentName);
    await scanBoth(page, 'letters-tab');
    await signOut(page);
  });

  it('the national admin opens the templates page from the navigation and previews a template', async () => {
    const { page } = e2e;
    await e2e.context.clearCookies();
    await signIn(e2e, 'admin');
    await page.getByRole('link', { name: 'Vēstuļu veidnes' }).first().click();
    await page.getByRole('heading', { name: 'Vēstuļu veidnes', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Plāna kopsavilkums – Latviešu' }).waitFor();
    const body = page.getByLabel('Teksts');
    expect(await body.inputValue()).toContain('{{goals}}');
    await page.getByRole('button', { name: 'Priekšskatīt' }).click();
    const preview = page.getByRole('region', { name: 'Priekšskatījums ar parauga datiem' });
    await preview.waitFor();
    await expect.poll(() => preview.textContent()).toContain('Jānis Bērziņš');
    expect(await preview.textContent()).toContain('Uzlabot matemātikas sekmes');
    expect(await preview.textContent()).not.toContain('{{');
    await scanBoth(page, 'letter-templates');
    // An unknown placeholder is refused with its name, next to the field.
    await body.fill('Labdien, {{vards}}!');
    await page.getByRole('button', { name: 'Saglabāt' }).click();
    await page
      .getByText(/Nezināms aizstājējs \{\{vards\}\}/)
      .first()
      .waitFor();
    await scanBoth(page, 'letter-templates-error');
  });

  it('every page visited passes axe at 1366 and 360 px', () => {
    expect(visited.length).toBe(6);
    expect(visited.filter((v) => v.violations.length > 0)).toEqual([]);
  });
});
