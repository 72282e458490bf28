import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../common/personal-code.ts';
import { addDays } from '../server/platform/dates.ts';
import { resetClock, standInSemester, type TestCalendar } from './clock.ts';
import { axeViolations, type E2E, screenshot, signIn, startE2E } from './harness.ts';

/**
 * The index among a row's cells of the column headed `header`, found by the header's text: the
 * list's columns depend on the caller and on whether a risk score fit exists (the demo has one, so
 * its rank column shows once the ranks have loaded — waited for first).
 */
async function columnIndex(page: Page, header: string): Promise<number> {
  await expect.poll(() => page.getByRole('columnheader', { name: 'Riska rangs skolā' }).count()).toBe(1);
  const headers = (await page.locator('thead').first().locator('th').allTextContents()).map((h) => h.trim());
  const i = headers.indexOf(header);
  expect(i, `${header} in ${headers.join(' | ')}`).toBeGreaterThanOrEqual(0);
  return i;
}

/** The row's cell under the column headed `header`. */
async function cellUnder(page: Page, row: Locator, header: string): Promise<Locator> {
  return row.locator(':scope > th, :scope > td').nth(await columnIndex(page, header));
}

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

/** The first 22 school days (weekdays) of the current semester, yyyy-mm-dd. */
function firstWeekdays(): string[] {
  const days: string[] = [];
  for (let d = cal.current.startsOn; days.length < 22; d = addDays(d, 1)) {
    const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
    if (wd !== 0 && wd !== 6) days.push(d);
  }
  return days;
}

/** The Monday of a date's week. */
function mondayOf(date: string): string {
  const wd = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((wd + 6) % 7));
}

/** An attendance export: one unjustified 3rd lesson on each of the semester's first 22 school days. */
function attendanceCsv(code: string): string {
  const rows = firstWeekdays().map((day) => `${code};${cal.lv(day)};3;n`);
  return `${['Personas kods;Datums;Stunda;Kavējuma veids', ...rows].join('\r\n')}\r\n`;
}

/**
 * Marks in three subjects over ten weeks of the semester, three of them below 4 — but only Latvian's
 * latest mark is (mathematics ends on a 4): one subject below 4 or "nv".
 */
function marksCsv(code: string): string {
  const marks = [
    [cal.weekday(0), 'Matemātika', '5'],
    [cal.weekday(2), 'Matemātika', '3'],
    [cal.weekday(5), 'Matemātika', '2'],
    [cal.weekday(9), 'Matemātika', '4'],
    [cal.weekday(0, 3), 'Latviešu valoda', '7'],
    [cal.weekday(4, 3), 'Latviešu valoda', '6'],
    [cal.weekday(8, 3), 'Latviešu valoda', 'nv'],
    [cal.weekday(1, 3), 'Vēsture', '8'],
    [cal.weekday(6, 3), 'Vēsture', '6'],
  ];
  const rows = marks.map(([day, subject, mark]) => `${code};${cal.lv(day)};${subject};${mark}`);
  return `${['Personas kods;Datums;Priekšmets;Vērtējums', ...rows].join('\r\n')}\r\n`;
}

/** The current semester as the select shows it. */
const currentLabel = () =>
  `${cal.current.schoolYear}./${cal.current.schoolYear + 1}. m. g. ${cal.current.number}. semestris`;
/** The 21st unjustified lesson's day (the legal duty's threshold is crossed then). */
const crossedOn = () => cal.lv(firstWeekdays()[20]);
/** How many weeks the 22 school days span. */
const absenceWeeks = () => new Set(firstWeekdays().map(mondayOf)).size;

/** The number under a label of a definition list ("Jauni ieraksti"). */
async function factValue(page: Page, label: string): Promise<string> {
  const term = page.locator('dt', { hasText: new RegExp(`^${label}$`) });
  return (await term.locator('xpath=following-sibling::dd[1]').textContent()) ?? '';
}

/** Chooses an option of a labelled Mantine select (typing first when the select is searchable). */
async function choose(page: Page, label: string, option: string, search?: string) {
  const box = page.getByRole('combobox', { name: label, exact: true });
  await box.click();
  if (search) await box.fill(search);
  await page.getByRole('option', { name: option, exact: true }).click();
}

const STUDENT = { firstName: 'Zelma', lastName: 'Kavētāja' };
const FLAG_TEXT = '22 neattaisnoti kavētas stundas šajā semestrī; vairāk nekā 20';

describe('early warning: e-journal import, watch list, risks and indicators', () => {
  const visited: { name: string; violations: string[] }[] = [];
  const code = makeOldPersonalCode('2012-04-17', 930);
  let studentId = '';

  it('shows the watch-list card on the start page and registers a student without data', async () => {
    const { page } = e2e;
    await signIn(e2e, 'koord.s1');
    await expect.poll(() => mainText(page)).toContain('Skolēni ar brīdinājumiem');
    await expect
      .poll(() => page.getByRole('link', { name: 'Atvērt brīdinājumu sarakstu' }).isVisible())
      .toBe(true);
    await screenshot(page, 'home-watch-list');
    visited.push({ name: 'home', violations: await axeViolations(page) });
    studentId = await page.evaluate(
      async ({ personalCode, firstName, lastName }) => {
        const me = await (await fetch('/api/me')).json();
        const { token } = await (await fetch('/api/auth/csrf')).json();
        const response = await fetch('/api/students', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'x-csrf-token': token },
          body: JSON.stringify({
            personalCode,
            firstName,
            lastName,
            schoolId: me.grants[0].organisationId,
            classLabel: '8.b',
            grade: 8,
          }),
        });
        if (!response.ok) throw new Error(`create student: ${response.status} ${await response.text()}`);
        return (await response.json()).id as string;
      },
      { personalCode: code, ...STUDENT },
    );
    expect(studentId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lists the wrong rows of a bad e-journal file and saves nothing', async () => {
    const { page } = e2e;
    await page.getByRole('link', { name: 'E-žurnāla dati' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('E-žurnāla dati');
    expect(await page.getByRole('combobox', { name: 'Datu veids' }).inputValue()).toBe('Kavējumi');
    expect(
      await page.getByRole('link', { name: 'Parauga fails: Vērtējumi (CSV)' }).getAttribute('href'),
    ).toBe('/api/ejournal/templates/marks');
    expect(await page.locator('table').textContent()).toContain('Kavējuma veids');
    visited.push({ name: 'ejournal', violations: await axeViolations(page) });
    const bad = `Personas kods;Datums;Stunda;Kavējuma veids\r\n${code};${cal.lv(firstWeekdays()[0])};3;n\r\n${code};${cal.lv(firstWeekdays()[1])};3;x\r\n`;
    await page.locator('input[type=file]').setInputFiles({
      name: 'kavejumi-kludains.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(bad, 'utf8'),
    });
    await page.getByRole('button', { name: 'Importēt', exact: true }).click();
    await expect.poll(() => mainText(page)).toContain('Imports neizdevās');
    expect(await page.getByRole('alert').textContent()).toContain(
      'Rinda 3, kolonna „Kavējuma veids”: Nezināms kavējuma veids (jābūt n, a, s, c vai +).',
    );
    await screenshot(page, 'ejournal-errors');
    visited.push({ name: 'ejournal-errors', violations: await axeViolations(page) });
  });

  it('imports 22 unjustified lessons of September and nine marks for the student', async () => {
    const { page } = e2e;
    await page.locator('input[type=file]').setInputFiles({
      name: 'kavejumi-septembris.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(attendanceCsv(code)),
    });
    await page.getByRole('button', { name: 'Importēt', exact: true }).click();
    await expect.poll(() => mainText(page)).toContain('Imports pabeigts');
    expect(await factValue(page, 'Rindas failā')).toBe('22');
    expect(await factValue(page, 'Jauni ieraksti')).toBe('22');
    visited.push({ name: 'ejournal-result', violations: await axeViolations(page) });

    await choose(page, 'Datu veids', 'Vērtējumi');
    expect(await page.locator('table').textContent()).toContain('Vērtējums');
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: 'vertejumi.csv', mimeType: 'text/csv', buffer: Buffer.from(marksCsv(code)) });
    await page.getByRole('button', { name: 'Importēt', exact: true }).click();
    await expect.poll(() => mainText(page)).toContain('Imports pabeigts');
    expect(await factValue(page, 'Jauni ieraksti')).toBe('9');
  });

  it('shows the student on the watch list with the reason and the open municipality notice', async () => {
    const { page } = e2e;
    await page.getByRole('link', { name: 'Brīdinājumu saraksts' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Brīdinājumu saraksts');
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Semestris' }).inputValue())
      .toBe(`${currentLabel()} (pašreizējais)`);
    await choose(page, 'Klases līmenis', '8. klase');
    await page.waitForURL((url) => url.searchParams.get('grade') === '8');
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Klases līmenis' }).inputValue())
      .toBe('8. klase');
    const row = page.locator('tbody tr', { hasText: `${STUDENT.lastName} ${STUDENT.firstName}` });
    await expect.poll(() => row.count()).toBe(1);
    const text = (await row.textContent()) ?? '';
    expect(text).toContain(FLAG_TEXT);
    expect(text).toContain('Neattaisnoti kavējumi');
    expect(text).toContain(`> 20 neattaisnotas stundas kopš ${crossedOn()}; nav informēta`);
    expect(await (await cellUnder(page, row, 'Riski izvērtēti')).textContent()).toBe('Nē');
    await page.getByRole('switch', { name: 'Tikai tie, kuriem riski nav izvērtēti' }).click();
    await page.waitForURL((url) => url.searchParams.get('onlyUnassessed') === 'true');
    await expect.poll(() => row.count()).toBe(1);
    const xlsx = page.getByRole('link', { name: 'Lejupielādēt XLSX' });
    await expect
      .poll(() => xlsx.getAttribute('href'))
      .toMatch(/^\/api\/watch-list\.xlsx\?.*grade=8&onlyUnassessed=true/);
    await screenshot(page, 'watch-list');
    visited.push({ name: 'watch-list', violations: await axeViolations(page) });
    // The student has no plan: the plan column says so and links to the profile's plans tab.
    expect(await (await cellUnder(page, row, 'Plāns')).textContent()).toBe('Nav plāna');
    await page.getByRole('switch', { name: 'Tikai tie, kuriem nav plāna' }).click();
    await page.waitForURL((url) => url.searchParams.get('withoutPlan') === 'true');
    await expect
      .poll(() => page.getByRole('switch', { name: 'Tikai tie, kuriem nav plāna' }).isChecked())
      .toBe(true);
    await expect.poll(() => xlsx.getAttribute('href')).toContain('withoutPlan=true');
    await expect.poll(() => row.count()).toBe(1);
    const plan = await columnIndex(page, 'Plāns');
    const planCells = await page.locator(`tbody tr > :nth-child(${plan + 1})`).allTextContents();
    expect(planCells.every((cell) => cell === 'Nav plāna')).toBe(true);
    await screenshot(page, 'watch-list-without-plan');
    visited.push({ name: 'watch-list-without-plan', violations: await axeViolations(page) });
  });

  it('records two risks with justifications on the Risks tab', async () => {
    const { page } = e2e;
    await page.getByRole('link', { name: `${STUDENT.lastName} ${STUDENT.firstName}` }).click();
    await expect
      .poll(() => page.locator('h1').textContent())
      .toBe(`${STUDENT.firstName} ${STUDENT.lastName}`);
    expect(await page.getByRole('tab', { name: 'Riski' }).getAttribute('aria-selected')).toBe('true');
    await expect.poll(() => mainText(page)).toContain(FLAG_TEXT);
    expect(await mainText(page)).toContain('Skolēnam nav reģistrētu risku.');

    const risks = [
      {
        search: 'L01',
        name: 'L01 Neattaisnoti mācību kavējumi',
        why: 'Septembrī 22 stundas kavētas bez attaisnojuma.',
      },
      {
        search: 'E01',
        name: 'E01 Apgrūtināta nokļūšana uz skolu',
        why: 'Skolas autobuss no mājām neiet; ceļā pavada 1,5 h.',
      },
    ];
    for (const risk of risks) {
      await choose(page, 'Risks', risk.name, risk.search);
      await page.getByRole('textbox', { name: 'Pamatojums' }).fill(risk.why);
      await page.getByRole('button', { name: 'Reģistrēt risku' }).click();
      await expect.poll(() => mainText(page)).toContain(`Risks „${risk.name}” reģistrēts.`);
    }
    const list = page.locator('section', { has: page.getByRole('heading', { name: 'Reģistrētie riski' }) });
    await expect.poll(() => list.locator('tbody tr').count()).toBe(2);
    const listText = (await list.textContent()) ?? '';
    expect(listText).toContain(`${currentLabel()} — 2 aktīvi riski`);
    for (const risk of risks) {
      expect(listText).toContain(risk.name);
      expect(listText).toContain(risk.why);
    }
    expect(listText).toContain('Mācību darba un skolas riski');
    expect(listText).toContain('Ekonomiskie riski');
    expect(listText).toContain('Kristīne Koordinatore');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'student-risks');
    visited.push({ name: 'profile-risks', violations: await axeViolations(page) });
  });

  it('shows the indicators, the charts with text alternatives, and records the municipality notice', async () => {
    const { page } = e2e;
    await page.getByRole('tab', { name: 'Apmeklējums un sekmes' }).click();
    await expect.poll(() => factValue(page, 'Neattaisnoti kavētas stundas')).toBe('22');
    const text = await mainText(page);
    expect(text).toContain(FLAG_TEXT);
    expect(text).toContain('Jāinformē pašvaldība');
    const absences = page.locator('figure', {
      hasText: 'Neattaisnoti kavētās stundas, uzkrātā summa pa nedēļām',
    });
    await expect
      .poll(() => absences.locator('figcaption').textContent())
      .toContain(
        `Neattaisnoti kavētās stundas kopā: 22 (nedēļas ar kavējumiem: ${absenceWeeks()}). Slieksnis 20 pārsniegts nedēļā, kas sākas ${cal.lv(mondayOf(firstWeekdays()[20]))}.`,
      );
    await expect.poll(() => absences.locator('.recharts-reference-line').count()).toBe(1);
    await absences.getByText('Rādīt datus tabulā').click();
    expect(await absences.locator('tbody tr').count()).toBe(absenceWeeks());
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'student-indicators');
    visited.push({ name: 'profile-indicators', violations: await axeViolations(page) });

    await page.getByRole('button', { name: 'Pašvaldība informēta' }).click();
    await expect.poll(() => mainText(page)).toContain('Pašvaldības informēšana reģistrēta.');
    expect(await mainText(page)).toMatch(/pašvaldība informēta \d\d\.\d\d\.\d{4}\./);
    visited.push({ name: 'profile-indicators-informed', violations: await axeViolations(page) });
  });

  it('shows the student as assessed and the municipality as informed on the watch list', async () => {
    const { page } = e2e;
    await page.getByRole('link', { name: 'Brīdinājumu saraksts' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Brīdinājumu saraksts');
    await choose(page, 'Klases līmenis', '8. klase');
    const row = page.locator('tbody tr', { hasText: `${STUDENT.lastName} ${STUDENT.firstName}` });
    const assessed = await cellUnder(page, row, 'Riski izvērtēti');
    await expect.poll(() => assessed.textContent()).toBe('Jā');
    // Polled: the list may still be refetching (the row re-renders) when the cell first says "Jā".
    await expect.poll(() => row.textContent()).toMatch(
      new RegExp(
        `> 20 neattaisnotas stundas kopš ${crossedOn().replaceAll('.', '\\.')}; pašvaldība informēta \\d\\d\\.\\d\\d\\.\\d{4}`,
      ),
    );
    visited.push({ name: 'watch-list-assessed', violations: await axeViolations(page) });
  });

  it('lets the coordinator read the risk catalogue without changing it', async () => {
    const { page } = e2e;
    await page.getByRole('link', { name: 'Riska katalogs' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Riska katalogs');
    await expect.poll(() => page.getByRole('heading', { level: 2 }).count()).toBe(4);
    expect(await mainText(page)).toContain('Sociālās vides un veselības riski');
    expect(await page.getByRole('button', { name: 'Pievienot risku' }).count()).toBe(0);
    visited.push({ name: 'risk-catalogue', violations: await axeViolations(page) });
  });

  it('lets the national admin add a risk, reword it as version 2 and retire it', async () => {
    const { page } = e2e;
    await page.getByRole('button', { name: 'Iziet' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/login'));
    await signIn(e2e, 'admin');
    await page.getByRole('link', { name: 'Riska katalogs' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Riska katalogs');
    await page.getByRole('button', { name: 'Pievienot risku' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Kods' }).fill('L11');
    await choose(page, 'Riska veids', 'Mācību darba un skolas riski');
    await dialog.getByRole('textbox', { name: 'Nosaukums latviski' }).fill('Mācās neklātienē');
    await dialog.getByRole('textbox', { name: 'Nosaukums angliski' }).fill('Distance learning');
    visited.push({ name: 'risk-catalogue-add', violations: await axeViolations(page) });
    await dialog.getByRole('button', { name: 'Pievienot risku' }).click();
    await expect.poll(() => mainText(page)).toContain('Risks L11 pievienots.');
    await page.getByRole('button', { name: 'Labot: L11' }).click();
    await dialog.getByRole('textbox', { name: 'Nosaukums latviski' }).fill('Mācās tālmācībā');
    await dialog.getByRole('button', { name: 'Saglabāt jaunu versiju' }).click();
    await expect.poll(() => mainText(page)).toContain('Riska L11 formulējums saglabāts kā 2. versija.');
    await page.getByRole('button', { name: 'Izņemt risku L11' }).click();
    await expect.poll(() => mainText(page)).toContain('Risks L11 izņemts');
    const row = page.locator('tbody tr', { hasText: 'L11' });
    expect(await row.textContent()).toContain('Mācās tālmācībā');
    expect(await row.textContent()).toContain('Izņemts');
    expect(await row.locator('td').nth(4).textContent()).toBe('2');
    // The catalogue's "Avots" column: a risk the admin adds is not one of the programme's 19.
    expect(await row.getByTestId('risk-source').textContent()).toBe('Pievienots');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'risk-catalogue');
    visited.push({ name: 'risk-catalogue-admin', violations: await axeViolations(page) });
  });

  it("lets the municipal coordinator raise the municipality's absence threshold", async () => {
    const { page } = e2e;
    await page.getByRole('button', { name: 'Iziet' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/login'));
    await signIn(e2e, 'koord.ziemelu');
    await page.getByRole('link', { name: 'Brīdinājumu saraksts' }).click();
    await page.getByRole('link', { name: 'Brīdinājumu sliekšņi' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Brīdinājumu sliekšņi');
    const field = page.getByRole('textbox', { name: 'Neattaisnoti kavētas stundas semestrī' });
    await expect.poll(() => field.inputValue()).toBe('20');
    expect(await mainText(page)).toContain('Šai pašvaldībai nav savu sliekšņu');
    await field.fill('25');
    // One switch per flag; the fall of the average is off by default. Behaviour notes switched off too.
    const drop = page.getByRole('switch', { name: 'Vidējā vērtējuma kritums' });
    expect(await drop.isChecked()).toBe(false);
    expect(await page.getByRole('switch', { name: 'Apmeklējums' }).isChecked()).toBe(true);
    await page.getByRole('switch', { name: 'Negatīvi uzvedības ieraksti' }).click({ force: true });
    await page.getByRole('button', { name: 'Saglabāt' }).click();
    await expect.poll(() => mainText(page)).toContain('Izmaiņas saglabātas.');
    expect(await page.getByRole('switch', { name: 'Negatīvi uzvedības ieraksti' }).isChecked()).toBe(false);
    expect(await mainText(page)).not.toContain('Šai pašvaldībai nav savu sliekšņu');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'thresholds');
    visited.push({ name: 'thresholds', violations: await axeViolations(page) });

    // 22 lessons no longer raise the absence flag; the low marks still keep the student on the list.
    await page.getByRole('link', { name: 'Atpakaļ uz brīdinājumu sarakstu' }).click();
    await choose(page, 'Klases līmenis', '8. klase');
    const row = page.locator('tbody tr', { hasText: `${STUDENT.lastName} ${STUDENT.firstName}` });
    await expect.poll(() => row.textContent()).not.toContain(FLAG_TEXT);
    expect(await row.textContent()).toContain('1 mācību priekšmets ar pēdējo vērtējumu zem 4 vai „nv”');
    expect(await row.textContent()).toContain('Ziemeļu novada 1. vidusskola');
    visited.push({ name: 'watch-list-municipality', violations: await axeViolations(page) });
  });

  it('has no axe violations on any page visited', () => {
    expect(visited.map((v) => v.name)).toHaveLength(15);
    expect(visited.filter((v) => v.violations.length > 0)).toEqual([]);
  });
});
