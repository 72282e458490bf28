import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  INDICATORS,
  type IndicatorCode,
  type TReportIndicators,
  type TReportPeriods,
} from '../common/api/reports.ts';
import { pdfText } from '../test/pdf.ts';
import lvReports from '../web/i18n/lv/reports.json';
import { axeViolations, type E2E, SCREENSHOT_DIR, signIn, startE2E } from './harness.ts';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const MUNICIPALITY = 'Ziemeļu novads';
const COUNT_UNITS = ['students', 'plans', 'records', 'referrals', 'measures', 'schools', 'municipalities'];
const title = (code: IndicatorCode) => lvReports.reports.indicators[code];
const NBSP = /\u00a0/g;

async function apiGet<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(`${e2e.baseUrl}${url}`);
  expect(response.ok(), `${url} answered ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}
const indicatorsOf = (page: Page, org?: string, period?: string) =>
  apiGet<TReportIndicators>(
    page,
    `/api/reports/indicators${org ? `?org=${org}${period ? `&period=${period}` : ''}` : ''}`,
  );

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Iziet' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/login'));
}

/** The page's text without no-break spaces (thousands are grouped with them). */
const textOf = async (locator: Locator) => ((await locator.textContent()) ?? '').replace(NBSP, ' ').trim();

/** A headline figure as the page shows it. */
const headline = (page: Page, code: IndicatorCode) => page.locator(`[data-indicator="${code}"]`);

/** An indicator's section, switched to its table view; the cell of row `index`. */
async function tableCell(page: Page, code: IndicatorCode, index: number): Promise<Locator> {
  const section = page.getByRole('region', { name: title(code), exact: true });
  await section.locator('label', { hasText: /^Tabula$/ }).click();
  return section.locator('tbody tr').nth(index).locator('td').first();
}

describe('dashboards: school, municipality and nation, with drill-down, exports and the auditor view', () => {
  const visited: { name: string; violations: string[] }[] = [];
  /** A screenshot at desktop and phone width, and an axe scan of each. */
  const scan = async (page: Page, name: string) => {
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 860 });
      await page.screenshot({
        path: path.join(SCREENSHOT_DIR, `reports-${name}-${width}.png`),
        fullPage: true,
      });
      visited.push({ name: `${name}@${width}`, violations: await axeViolations(page) });
    }
    await page.setViewportSize({ width: 1280, height: 860 });
  };

  it('the municipal coordinator opens the dashboard, drills down to a school and downloads the XLSX and the PDF', async () => {
    const { page } = e2e;
    await signIn(e2e, 'koord.ziemelu');
    const municipal = await indicatorsOf(page);
    expect(municipal.org.name).toBe(MUNICIPALITY);
    expect(municipal.suppressed).toBe(false);

    // From the navigation: the municipality's dashboard for the current semester.
    await page.getByRole('link', { name: 'Pārskati', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${MUNICIPALITY} — `) }).waitFor();
    await expect
      .poll(() => textOf(page.getByTestId('refreshed-at')))
      .toMatch(/\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}/);
    const plans = municipal.indicators.find((i) => i.code === 'students_with_plans')?.cells[0]?.value;
    expect(await textOf(headline(page, 'students_with_plans'))).toBe(String(plans ?? '–'));
    // The children table: a row per school with a link, and the municipality's total row.
    const children = page.getByRole('table', { name: new RegExp(`Pašvaldības “${MUNICIPALITY}” skolas`) });
    expect(await children.locator('tbody tr').count()).toBe(municipal.children.length);
    expect(await textOf(children.locator('tfoot'))).toContain(`Kopā: ${MUNICIPALITY}`);
    await scan(page, 'municipality');

    // A refresh asked for from the page: the job's progress is shown until it has finished.
    await page.getByRole('button', { name: 'Pieprasīt pārrēķinu' }).click();
    await expect
      .poll(() => textOf(page.locator('main [role="status"]', { hasText: 'Pabeigts' })), { timeout: 90_000 })
      .toContain('Pabeigts');

    // Another period, the whole school year: it goes into the address; back returns to the semester.
    const year = municipal.period.schoolYear;
    const periods = await apiGet<TReportPeriods>(page, '/api/reports/periods');
    const schoolYear = periods.items.find((p) => p.schoolYear === year && p.semester === null);
    expect(schoolYear).toBeDefined();
    await page.getByRole('combobox', { name: 'Periods', exact: true }).click();
    await page.getByRole('option', { name: `${year}./${year + 1}. m. g.`, exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('period') === schoolYear?.code);
    await page
      .getByRole('heading', { level: 1, name: `${MUNICIPALITY} — ${year}./${year + 1}. m. g.` })
      .waitFor();
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: /semestris$/ }).waitFor();

    // Each chart has a table view with the same figures.
    const status = municipal.indicators.find((i) => i.code === 'plans_by_status');
    if (status && status.cells.length > 0) {
      const first = await tableCell(page, 'plans_by_status', 0);
      expect(await textOf(first)).toBe(String(status.cells[0]?.value));
      await scan(page, 'municipality-table');
    }

    // Drill down to the school with the most students with plans.
    const withPlans = (c: TReportIndicators['children'][number]) =>
      c.cells.find((x) => x.key === 'students_with_plans')?.value ?? 0;
    const child = [...municipal.children].sort((a, b) => withPlans(b) - withPlans(a))[0];
    expect(child).toBeDefined();
    if (!child) return;
    await children.getByRole('link', { name: child.org.name, exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('org') === child.org.id);
    const heading = page.getByRole('heading', { level: 1, name: new RegExp(`^${child.org.name} — `) });
    await heading.waitFor();
    const periodText = ((await heading.textContent()) ?? '').split(' — ')[1] ?? '';
    expect(await page.getByRole('navigation', { name: 'Ceļš līdz organizācijai' }).textContent()).toContain(
      MUNICIPALITY,
    );
    const shown = await textOf(headline(page, 'students_with_plans'));
    expect(shown).toMatch(/^\d+$/);
    // The students behind the figures, each linked to their page.
    const students = page.getByRole('region', { name: 'Skolēni' });
    await students.locator('tbody tr').first().waitFor();
    await scan(page, 'school');

    // The XLSX: a sheet per table; the students-with-plans sheet has the figure the page shows.
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Visas tabulas (XLSX)' }).click(),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(await xlsx.path()) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets.find((ws) =>
      String(ws.getRow(1).getCell(1).value ?? '').startsWith(
        `${title('students_with_plans')} — ${child.org.name}`,
      ),
    );
    expect(sheet, 'a sheet of students with plans').toBeDefined();
    const values: unknown[] = [];
    sheet?.eachRow((row) => {
      if (row.getCell(1).value === title('students_with_plans')) values.push(row.getCell(2).value);
    });
    expect(values).toEqual([Number(shown)]);

    // The PDF: the school and the period in the header, and the same figure.
    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Pārskats (PDF)' }).click(),
    ]);
    const bytes = new Uint8Array(readFileSync(await pdf.path()));
    expect(Buffer.from(bytes.subarray(0, 4)).toString()).toBe('%PDF');
    const text = await pdfText(bytes);
    expect(text).toContain(child.org.name);
    expect(text).toContain(periodText);
    expect(text).toMatch(new RegExp(`${title('students_with_plans')}\\s*${shown}(\\D|${shown}|$)`));

    // A student's page from the list, and back to the same dashboard.
    const firstStudent = students.locator('tbody tr').first().getByRole('link').first();
    await firstStudent.click();
    await page.waitForURL((url) => url.pathname.startsWith('/students/'));
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('org') === child.org.id);
    await heading.waitFor();

    // Up again through the breadcrumbs, then the programme's figures.
    await page
      .getByRole('navigation', { name: 'Ceļš līdz organizācijai' })
      .getByRole('link', { name: MUNICIPALITY })
      .click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${MUNICIPALITY} — `) }).waitFor();
    await page.getByRole('link', { name: 'Programmas rādītāji' }).click();
    await page.getByRole('heading', { level: 1, name: `Programmas rādītāji — ${MUNICIPALITY}` }).waitFor();
    expect(
      await page
        .getByRole('table', { name: `Programmas rādītāji: ${MUNICIPALITY}` })
        .locator('tbody tr')
        .count(),
    ).toBeGreaterThan(0);
    await scan(page, 'programme');
    await signOut(page);
  });

  it('the auditor sees "<5" where the coordinator sees 3', async () => {
    const { page } = e2e;
    await e2e.context.clearCookies();
    await signIn(e2e, 'koord.ziemelu');
    // A count of 3 the coordinator sees: in the municipality or one of its schools, in any period.
    const periods = await apiGet<TReportPeriods>(page, '/api/reports/periods');
    const municipal = await indicatorsOf(page);
    const orgs = [municipal.org, ...municipal.children.map((c) => c.org)];
    type Found = { org: string; period: string; code: IndicatorCode; index: number; single: boolean };
    let found: Found | null = null;
    for (const period of [periods.current, ...periods.items.map((p) => p.code)]) {
      for (const org of orgs) {
        const answer = await indicatorsOf(page, org.id, period);
        for (const indicator of answer.indicators) {
          if (!COUNT_UNITS.includes(INDICATORS[indicator.code])) continue;
          const index = indicator.cells.findIndex((c) => c.value === 3 && !c.suppressed);
          if (index < 0) continue;
          const single = indicator.cells.length === 1 && indicator.cells[0]?.key === '';
          // A headline figure is the easiest to point at; take a split one when no headline has 3.
          if (!found || (single && !found.single))
            found = { org: org.id, period, code: indicator.code, index, single };
        }
        if (found?.single) break;
      }
      if (found?.single) break;
    }
    expect(found, 'a figure of 3 in the demo').not.toBeNull();
    if (!found) return;
    const f: Found = found;
    const cellOf = async () =>
      f.single && f.code !== 'schools_taking_part' && f.code !== 'municipalities_taking_part'
        ? headline(page, f.code)
        : tableCell(page, f.code, f.index);

    await page.goto(`${e2e.baseUrl}/reports?org=${f.org}&period=${f.period}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expect.poll(async () => textOf(await cellOf())).toBe('3');
    await signOut(page);

    await signIn(e2e, 'auditors');
    const audited = await indicatorsOf(page, f.org, f.period);
    expect(audited.suppressed).toBe(true);
    expect(audited.studentsDrillDown).toBe(false);
    await page.goto(`${e2e.baseUrl}/reports?org=${f.org}&period=${f.period}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const cell = await cellOf();
    await expect.poll(() => textOf(cell)).toContain('<5');
    expect(await cell.locator('[data-suppressed="true"]').getAttribute('title')).toBe(
      'mazāk par 5, privātuma dēļ nerāda',
    );
    // No names: no list of students for the auditor.
    expect(await page.getByRole('region', { name: 'Skolēni' }).count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('Auditora skats');
    await scan(page, 'auditor');
  });

  it('the national admin opens the nation: municipalities and state schools, down to a municipality', async () => {
    const { page } = e2e;
    await e2e.context.clearCookies();
    await signIn(e2e, 'admin');
    const nation = await indicatorsOf(page);
    expect(nation.org.type).toBe('nation');
    await page.goto(`${e2e.baseUrl}/reports`);
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${nation.org.name} — `) }).waitFor();
    const children = page.getByRole('table', { name: 'Pašvaldības un valsts profesionālās skolas' });
    expect(await children.locator('tbody tr').count()).toBe(nation.children.length);
    expect(await textOf(children)).toContain('Valsts Jūrmalas tehnikums');
    await scan(page, 'nation');
    await children.getByRole('link', { name: MUNICIPALITY, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${MUNICIPALITY} — `) }).waitFor();
    // The nation is now a step of the breadcrumbs.
    await page
      .getByRole('navigation', { name: 'Ceļš līdz organizācijai' })
      .getByRole('link', { name: nation.org.name })
      .waitFor();
  });

  it('every page visited passes axe at 1280 and 390 px', () => {
    expect(visited.length).toBeGreaterThanOrEqual(12);
    expect(visited.filter((v) => v.violations.length > 0)).toEqual([]);
  });
});
