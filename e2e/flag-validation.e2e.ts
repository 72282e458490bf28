import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TFlagValidation } from '../common/api/flag-validation.ts';
import { queryRows } from '../server/platform/db.ts';
import { axeViolations, type E2E, SCREENSHOT_DIR, signIn, startE2E } from './harness.ts';

/*
 * The flag validation report in the browser. Until the demo carries outcomes for every student of the
 * last completed school year (helper "history"), this file writes them itself: for the two latest
 * ended semesters (the older one given a copy of the newer one's indicators if the demo has none there),
 * every student with indicators at a Ziemeļu school gets an outcome
 * of that school year (not passed for two or more low marks or every fifth student, else continues),
 * where the demo has none.
 */
let e2e: E2E;
let semesters: { id: string; school_year: number }[] = [];

beforeAll(async () => {
  e2e = await startE2E();
  semesters = await e2e.database.withTx(async (db) => {
    const ended = await queryRows<{ id: string; school_year: number; has: boolean }>(
      db,
      sql`select s.id, s.school_year, exists (select 1 from student_indicators i where i.semester_id = s.id) as has
          from semesters s where s.ends_on < current_date order by s.starts_on desc`,
    );
    const withData = ended.filter((s) => s.has);
    const source = withData[0];
    if (!source) throw new Error('flag validation e2e: the demo has no ended semester with indicators');
    // A second semester to switch to: the one before, with the first one's indicators (halved absences).
    const older = withData[1] ?? ended[ended.indexOf(source) + 1];
    if (!older) throw new Error("flag validation e2e: no ended semester before the demo's");
    if (!older.has)
      await queryRows(
        db,
        sql`insert into student_indicators (student_id, semester_id, school_id, unjustified_lessons,
              justified_lessons, other_lessons, present_lessons, low_marks, mark_average, previous_average, behaviour_notes)
            select student_id, ${older.id}, school_id, unjustified_lessons / 2, justified_lessons, other_lessons,
              present_lessons, low_marks, mark_average, previous_average, behaviour_notes
            from student_indicators where semester_id = ${source.id}`,
      );
    for (const s of [source, older])
      await queryRows(
        db,
        sql`insert into student_outcomes (student_id, school_year, school_id, outcome, source)
            select i.student_id, ${s.school_year}, i.school_id,
              case when i.low_marks >= 2 or row_number() over (order by i.student_id) % 5 = 0
                then 'repeats_year' else 'continues' end, 'entered'
            from student_indicators i join organisations o on o.id = i.school_id
            where i.semester_id = ${s.id} and o.path like (select path from organisations where code = 'ZIEM') || '%'
            on conflict do nothing`,
      );
    return [source, older];
  });
});
afterAll(() => e2e?.close());

async function apiGet<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(`${e2e.baseUrl}${url}`);
  expect(response.ok(), `${url} answered ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

describe('the flag validation report', () => {
  const visited: { name: string; violations: string[] }[] = [];
  const scan = async (page: Page, name: string) => {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 860 });
      await page.screenshot({
        path: path.join(SCREENSHOT_DIR, `flags-${name}-${width}.png`),
        fullPage: true,
      });
      visited.push({ name: `${name}@${width}`, violations: await axeViolations(page) });
    }
    await page.setViewportSize({ width: 1280, height: 860 });
  };

  it('the municipal coordinator opens it from the reports page, switches the semester and reads the fairness figures', async () => {
    expect(semesters.length).toBe(2);
    const { page } = e2e;
    await signIn(e2e, 'koord.ziemelu');
    await page.getByRole('link', { name: 'Pārskati', exact: true }).click();
    await page.getByRole('link', { name: /^Karogu pārbaude/ }).click();
    await page.waitForURL((url) => url.pathname === '/reports/flags');
    await page.getByRole('heading', { level: 1, name: /^Karogu pārbaude: Ziemeļu novads — / }).waitFor();

    // The default: the latest ended semester with known outcomes; its head count as the API gives it.
    const first = await apiGet<TFlagValidation>(page, '/api/flag-validation');
    expect(first.semester?.id).toBe(semesters[0]?.id);
    expect(first.figures.known).toBeGreaterThan(0);
    const headline = page.getByTestId('fv-headline');
    await expect
      .poll(async () => (await headline.textContent())?.replace(/\s/g, ''))
      .toContain(`Arzināmuiznākumu${first.figures.known}`);
    // A figure with its interval in the Latvian number format: the flag set's recall.
    const recall = first.figures.flagSet.recall;
    const lv = (v: number) => v.toFixed(2).replace('.', ',');
    const shown = `${lv(recall.value ?? 0)} (${lv(recall.low ?? 0)}–${lv(recall.high ?? 0)})`;
    expect(await page.getByTestId('fv-compare').locator('tbody tr').first().textContent()).toContain(shown);
    await scan(page, 'report');

    // The ROC curve's table view shows the same points.
    await page.locator('label', { hasText: /^Tabula$/ }).click();
    await page.getByRole('table', { name: /^ROC līkne: / }).waitFor();

    // Switch the semester in the selector: the address and the heading follow.
    await page.getByRole('combobox', { name: 'Semestris', exact: true }).click();
    const other = first.semesters.find((s) => s.id === semesters[1]?.id);
    expect(other).toBeDefined();
    const label = `${other?.schoolYear}./${(other?.schoolYear ?? 0) + 1}. m. g. ${other?.number}. semestris`;
    await page.getByRole('option', { name: new RegExp(`^${label.replace(/\./g, '\\.')} `) }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('semester')).toBe(semesters[1]?.id);
    const second = await apiGet<TFlagValidation>(page, `/api/flag-validation?semester=${semesters[1]?.id}`);
    await expect
      .poll(async () => (await headline.textContent())?.replace(/\s/g, ''))
      .toContain(`Skolēniarrādītājiem${second.figures.students}`);

    // The fairness section opens with the keyboard.
    const fairness = page.getByRole('button', { name: /^Taisnīgums/ });
    await fairness.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('table', { name: 'Pa dzimumiem' }).waitFor();
    await page.getByRole('table', { name: 'Pa klašu grupām' }).waitFor();
    const female = second.figures.fairness.gender.groups[0];
    const row = page.getByRole('table', { name: 'Pa dzimumiem' }).locator('tbody tr').first();
    expect(await row.textContent()).toContain(`Sievietes${female?.students}`);
    await scan(page, 'fairness');
  });

  it('leaves no axe violations on the pages visited', () => {
    expect(visited.filter((v) => v.violations.length > 0)).toEqual([]);
  });
});
