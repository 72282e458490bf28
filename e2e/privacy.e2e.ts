import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nowMs, resetClock, setClock } from '../server/platform/clock.ts';
import { queryRows } from '../server/platform/db.ts';
import { axeViolations, type E2E, signIn, startE2E } from './harness.ts';

let e2e: E2E;
const q = <T>(query: ReturnType<typeof sql>) => e2e.database.withTx((tx) => queryRows<T>(tx, query));
const ZIEMELU = sql`o.path like (select path || '%' from organisations where name = 'Ziemeļu novads')`;

/** Ziemeļu novads students: one who attends, one with a case who left, one with screening data only who left. */
let enrolled: string;
let caseStudent: string;
let screenStudent: string;

beforeAll(async () => {
  e2e = await startE2E();
  [{ id: enrolled }] = await q<{ id: string }>(sql`
    select s.id from students s join organisations o on o.id = s.school_id
    where ${ZIEMELU} and s.status = 'enrolled' order by s.id limit 1`);
  [{ id: caseStudent }] = await q<{ id: string }>(sql`
    select s.id from students s join organisations o on o.id = s.school_id
    where ${ZIEMELU} and s.id <> ${enrolled} and exists (select 1 from plans p where p.student_id = s.id)
    order by s.id limit 1`);
  [{ id: screenStudent }] = await q<{ id: string }>(sql`
    select s.id from students s join organisations o on o.id = s.school_id
    where ${ZIEMELU} and s.id not in (${enrolled}, ${caseStudent})
      and not exists (select 1 from plans p where p.student_id = s.id)
      and not exists (select 1 from student_risks r where r.student_id = s.id)
      and not exists (select 1 from applications a where a.student_id = s.id)
      and not exists (select 1 from case_notes n where n.student_id = s.id)
      and not exists (select 1 from referrals f where f.student_id = s.id)
      and not exists (select 1 from letters l where l.student_id = s.id)
      and not exists (select 1 from economic_payments e where e.student_id = s.id)
    order by s.id limit 1`);
  // The case student left at the end of a school year (the case must still be kept); the other
  // graduated a year earlier, with no case record: the screening period has long run out by 2030.
  await q(sql`update students set status = 'left', status_date = '2027-06-15' where id = ${caseStudent}`);
  await q(
    sql`update students set status = 'graduated', status_date = '2026-06-20' where id = ${screenStudent}`,
  );
  // The clock moves years ahead before anyone signs in (sessions are dated by it), in the browser too.
  setClock('2030-03-04T09:00:00Z');
  await e2e.context.clock.install({ time: nowMs() });
});
afterAll(async () => {
  resetClock();
  await e2e?.close();
});

const SHOTS = path.resolve('.tmp', 'privacy-e2e');
const visited: { name: string; violations: string[] }[] = [];

/** Waits until nothing loads, saves a screenshot and scans the page with axe. */
async function look(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.getByText('Ielādē…').first().waitFor({ state: 'detached' });
  // Long texts (table names, setting names) wrap: the page itself never scrolls sideways.
  const sideways = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(sideways, `${name} scrolls sideways`).toBeLessThanOrEqual(0);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  visited.push({ name, violations: await axeViolations(page) });
}

/** Opens the erase dialog on a student's page, picks the reason and confirms; returns the API's answer. */
async function erase(page: Page, studentId: string, opts: { doubleClick?: boolean } = {}) {
  await page.goto(`${e2e.baseUrl}/students/${studentId}`);
  await page.getByRole('button', { name: 'Anonimizēt skolēna datus' }).click();
  const dialog = page.getByRole('dialog', { name: 'Anonimizēt skolēna datus (VDAR 17. pants)' });
  await dialog.waitFor();
  await dialog.getByRole('combobox', { name: /^Pamatojums/ }).click();
  await page.getByRole('option', { name: 'Datu subjekta pieprasījums', exact: true }).click();
  const answer = page.waitForResponse((r) => r.url().endsWith(`/api/students/${studentId}/erasure`));
  const confirm = dialog.getByRole('button', { name: 'Anonimizēt neatgriezeniski' });
  if (opts.doubleClick) await confirm.dblclick();
  else await confirm.click();
  const res = await answer;
  return { dialog, status: res.status(), body: (await res.json()) as Record<string, unknown> };
}

describe('the privacy page and erasure from the student page', () => {
  it('the national admin opens the privacy page: the erasure log, the retention classes and the record', async () => {
    const { page } = e2e;
    await signIn(e2e, 'admin');
    await page.getByRole('link', { name: 'Privātums' }).first().click();
    await page.getByRole('heading', { name: 'Privātums', level: 1 }).waitFor();
    await page.getByRole('tab', { name: 'Dzēšanas žurnāls', selected: true }).waitFor();
    await page.getByText('Jaunākās dzēšanas: kad, kurā skolā').waitFor();
    await look(page, 'privacy-erasures');

    await page.getByRole('tab', { name: 'Glabāšanas termiņi' }).click();
    const classes = page.getByRole('table', { name: 'Glabāšanas klases' });
    await classes.getByRole('rowheader', { name: 'Lietas ieraksti' }).waitFor();
    expect(await classes.textContent()).toContain('PUMPURS_RETENTION_CASE_YEARS');
    expect(await classes.textContent()).toContain('pēc lietas beigām');
    await look(page, 'privacy-retention');

    // Reached with the keyboard: from the selected tab, the arrow key moves to the record.
    await page.getByRole('tab', { name: 'Glabāšanas termiņi' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('heading', { name: 'Apstrādes nolūki', level: 2 }).waitFor();
    await page.getByRole('heading', { name: 'Pārzinis', level: 2 }).waitFor();
    expect(await page.getByRole('article').count()).toBeGreaterThan(2);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Lejupielādēt reģistru (JSON)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('record-of-processing-lv.json');
    const record = JSON.parse(readFileSync(await download.path(), 'utf8'));
    expect(record.language).toBe('lv');
    expect(await page.getByText(record.controller).count()).toBe(1);
    await look(page, 'privacy-ropa');
  });

  it('the municipal coordinator is refused while the retention period runs, with its end date', async () => {
    const { page } = e2e;
    await page.context().clearCookies();
    await signIn(e2e, 'koord.ziemelu');
    // A student who attends: the period runs until they leave.
    const attends = await erase(page, enrolled);
    expect(attends.status).toBe(409);
    await attends.dialog
      .getByRole('alert')
      .getByText(/vēl mācās/)
      .waitFor();

    // A student who left with a case record: the dialog names the day the period ends.
    const kept = await erase(page, caseStudent);
    expect(kept.status).toBe(409);
    const detail = (kept.body.error as { details: { message: string }[] }).details[0].message;
    expect(detail).toMatch(/^Glabāšanas termiņš beidzas \d{2}\.\d{2}\.\d{4}; dzēst var pēc šī datuma\.$/);
    const alert = kept.dialog.getByRole('alert');
    await alert.getByText('Dzēst vēl nevar').waitFor();
    await alert.getByText(detail).waitFor();
    await look(page, 'erase-refused');
    await kept.dialog.getByRole('button', { name: 'Atcelt' }).click();
    await page.getByRole('button', { name: 'Anonimizēt skolēna datus' }).waitFor();
  });

  it('erases a student who left long ago, once although the button is clicked twice', async () => {
    const { page } = e2e;
    const done = await erase(page, screenStudent, { doubleClick: true });
    expect(done.status).toBe(200);
    expect(done.body.created).toBe(true);
    await page.getByRole('status').getByText('Skolēna dati anonimizēti').waitFor();
    await page.getByRole('heading', { name: /Anonimizēts/, level: 1 }).waitFor();
    expect(await page.getByRole('button', { name: 'Anonimizēt skolēna datus' }).count()).toBe(0);
    // The anonymised record is not edited again: its forms are gone (the server answers 409 too).
    await expect.poll(() => page.getByRole('heading', { name: 'Labot pamatdatus' }).count()).toBe(0);
    expect(await page.getByRole('textbox', { name: /^Uzvārds/ }).count()).toBe(0);
    const rows = await q<{ n: number }>(
      sql`select count(*)::int as n from erasure_log where student_id = ${screenStudent}`,
    );
    expect(rows[0].n).toBe(1);
    await look(page, 'student-anonymised');
  });

  it('the erasure appears in the national admin erasure log, without the student name', async () => {
    const { page } = e2e;
    await page.context().clearCookies();
    await signIn(e2e, 'admin');
    await page.goto(`${e2e.baseUrl}/privacy`);
    const table = page.getByRole('table', { name: 'Dzēšanas žurnāls' });
    const row = table.getByRole('row').filter({ hasText: 'Zane Ziemele' });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('Pieprasījums');
    expect(text).toContain('Datu subjekta pieprasījums');
    expect(text).toMatch(/\d+ vērtīb/);
    expect(text).not.toContain('Anonimizēts');
    await look(page, 'privacy-erasure-logged');
  });

  it('every page visited passes axe', () => {
    expect(visited.length).toBe(6);
    expect(visited.filter((v) => v.violations.length > 0)).toEqual([]);
  });
});
