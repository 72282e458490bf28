import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type E2E, signIn, startE2E } from './harness.ts';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const SHOTS = path.resolve('.tmp', 'notes-e2e');
const FIRST = 'Sarunā skolēns stāsta par konfliktu ģimenē; vienojāmies par nākamo tikšanos.';
const SECOND = 'Papildināts: nākamā tikšanās nākamajā otrdienā kopā ar sociālo pedagogu.';

async function apiGet<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(`${e2e.baseUrl}${url}`);
  expect(response.ok(), `${url} answered ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Iziet' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/login'));
}

async function choose(page: Page, label: string, option: string): Promise<void> {
  await page
    .getByRole('textbox', { name: label })
    .or(page.getByRole('combobox', { name: label }))
    .first()
    .click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('case notes', () => {
  const visited: { name: string; violations: string[] }[] = [];
  let studentId = '';
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
  const note = (page: Page) => page.getByRole('article').filter({ hasText: 'Tikai speciālistiem' }).first();

  it('the psychologist writes a specialists-only note and opens its text', async () => {
    const { page } = e2e;
    await signIn(e2e, 'psihologs.s1');
    // A student of the psychologist's without notes yet (the demo writes a few on another one).
    const mine = await apiGet<{ items: { id: string }[] }>(page, '/api/students');
    for (const s of mine.items) {
      const notes = await apiGet<{ items: unknown[] }>(page, `/api/students/${s.id}/notes`);
      if (notes.items.length === 0) {
        studentId = s.id;
        break;
      }
    }
    expect(studentId).not.toBe('');
    await page.goto(`${e2e.baseUrl}/students/${studentId}?tab=notes`);
    await page.getByRole('heading', { name: 'Jauna piezīme' }).waitFor();
    expect(await page.getByRole('tab', { name: 'Piezīmes' }).getAttribute('aria-selected')).toBe('true');
    await choose(page, 'Kas var lasīt tekstu', 'Tikai speciālistiem');
    await page.getByRole('textbox', { name: 'Teksts' }).fill(FIRST);
    await page.getByRole('button', { name: 'Pievienot piezīmi' }).click();
    await page.getByText('Piezīme pievienota.').waitFor();
    // In the list even its author sees a restricted note without its text until it is opened.
    await note(page).waitFor();
    await note(page)
      .getByText('Ierobežotas piezīmes teksts sarakstā netiek rādīts', { exact: false })
      .waitFor();
    expect(await note(page).textContent()).not.toContain(FIRST);
    await note(page).getByRole('button', { name: 'Rādīt tekstu' }).click();
    await note(page).getByText(FIRST).waitFor();
    await scanBoth(page, 'notes-specialist');
    await signOut(page);
  });

  it('the class teacher sees that a restricted note exists, but not its text', async () => {
    const { page } = e2e;
    await signIn(e2e, 'skolotajs.s1');
    await page.goto(`${e2e.baseUrl}/students/${studentId}?tab=notes`);
    await note(page).waitFor();
    await note(page).getByText('Teksts jums nav pieejams.').waitFor();
    expect(await note(page).getByRole('button', { name: 'Rādīt tekstu' }).count()).toBe(0);
    expect(await note(page).getByRole('button', { name: 'Labot' }).count()).toBe(0);
    expect(await page.content()).not.toContain('konfliktu ģimenē');
    // Its history shows the versions' facts, not their text.
    await note(page).getByRole('button', { name: 'Vēsture (1)' }).click();
    await note(page).getByRole('heading', { name: 'Versijas (1)' }).waitFor();
    expect(await page.content()).not.toContain('konfliktu ģimenē');
    await scanBoth(page, 'notes-teacher');
    await signOut(page);
  });

  it('the psychologist edits the note and sees two revisions; the start page lists it', async () => {
    const { page } = e2e;
    await signIn(e2e, 'psihologs.s1');
    await page.getByRole('heading', { name: 'Manas pēdējās piezīmes' }).waitFor();
    await page.getByRole('heading', { name: 'Manas nodarbības' }).waitFor();
    const link = page
      .getByRole('region', { name: 'Manas pēdējās piezīmes' })
      .locator(`a[href="/students/${studentId}?tab=notes"]`);
    await link.waitFor();
    await scanBoth(page, 'home-specialist');
    await link.click();
    await page.waitForURL((url) => url.pathname === `/students/${studentId}`);
    await note(page).getByRole('button', { name: 'Labot' }).click();
    const text = note(page).getByRole('textbox', { name: 'Teksts' });
    await expect.poll(() => text.inputValue()).toBe(FIRST);
    await text.fill(SECOND);
    await note(page).getByRole('button', { name: 'Saglabāt jaunu versiju' }).click();
    await note(page).getByText('Piezīme saglabāta kā jauna versija.').waitFor();
    await note(page).getByText(SECOND).waitFor();
    await note(page).getByRole('button', { name: 'Vēsture (2)' }).click();
    const history = note(page).getByRole('region', { name: 'Versijas (2)' });
    await history.waitFor();
    await history.getByText(FIRST).waitFor();
    await history.getByText(SECOND).waitFor();
    expect(await history.getByRole('listitem').count()).toBe(2);
    await scanBoth(page, 'notes-history');
  });

  it('every page visited passes axe at 1366 and 360 px', () => {
    expect(visited.length).toBe(8);
    expect(visited.filter((v) => v.violations.length > 0)).toEqual([]);
  });
});
