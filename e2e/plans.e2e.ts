import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfPageToPng, pdfText } from '../test/pdf.ts';
import { axeViolations, type E2E, SCREENSHOT_DIR, screenshot, signIn, startE2E } from './harness.ts';

let e2e: E2E;
/** The demo's current semester (found in the first test). */
let current: { id: string; schoolYear: number; number: number; startsOn: string };
const started = Date.now();
beforeAll(async () => {
  e2e = await startE2E();
  e2e.page.on('pageerror', (e) => console.error('page error:', e.message));
});
afterAll(() => e2e?.close());

const mainText = (page: Page) =>
  page
    .locator('main')
    .textContent()
    .then((text) => text ?? '');

/** A GET of the JSON API with the browser's session. */
async function apiGet<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(`${e2e.baseUrl}${url}`);
  expect(response.ok(), `${url} answered ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

/** A POST of the JSON API with the browser's session and a fresh CSRF token. */
async function apiPost<T>(page: Page, url: string, body: unknown): Promise<T> {
  const { token } = await apiGet<{ token: string }>(page, '/api/auth/csrf');
  const response = await page.request.post(`${e2e.baseUrl}${url}`, {
    data: body,
    headers: { 'x-csrf-token': token },
  });
  expect(response.ok(), `${url} answered ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

/** A full-page screenshot taken from the top, so the fixed header is where it belongs. */
async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

/**
 * Approves on the plan page: the confirmation names the plan code and the student, starts on
 * "Atcelt" (keyboard), and approving closes it.
 */
async function confirmApproval(page: Page, code: string, studentName: string): Promise<void> {
  await page.getByRole('button', { name: 'Apstiprināt', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Apstiprināt plānu ${code}?` });
  await settled(dialog);
  expect(await dialog.textContent()).toContain(`Skolēns: ${studentName}`);
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Atcelt');
  await dialog.getByRole('button', { name: 'Apstiprināt', exact: true }).click();
}

/** Waits until a dialog has faded in completely (axe measures contrast mid-transition otherwise). */
async function settled(dialog: ReturnType<Page['locator']>): Promise<void> {
  const opacity = () =>
    dialog.evaluate((el) => {
      let value = 1;
      for (let node: Element | null = el; node; node = node.parentElement)
        value *= Number(getComputedStyle(node).opacity);
      return value;
    });
  await expect.poll(opacity).toBe(1);
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Iziet' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/login'));
}

/** Picks an option of a Mantine select by the select's label and the option's text. */
async function choose(page: Page, scope: Page | ReturnType<Page['locator']>, label: string, option: string) {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

describe('individual support plan: draft, three-level approval with a return, diff, PDF', () => {
  const visited: { name: string; violations: string[] }[] = [];
  const scan = async (page: Page, name: string) =>
    visited.push({ name, violations: await axeViolations(page) });
  let studentId = '';
  let planUrl = '';
  let code = '';
  let studentName = '';

  it('finds a flagged, assessed student of school 1 with an application in force and no plan yet', async () => {
    const { page } = e2e;
    await signIn(e2e, 'koord.s1');
    const semesters = await apiGet<{
      items: { id: string; schoolYear: number; number: number; startsOn: string; current: boolean }[];
    }>(page, '/api/semesters');
    const semester = semesters.items.find((s) => s.current);
    expect(semester).toBeDefined();
    current = semester as typeof current;
    const watch = await apiGet<{ items: { studentId: string; assessed: boolean }[] }>(
      page,
      `/api/watch-list?semesterId=${semester?.id}&pageSize=200`,
    );
    const candidates: string[] = [];
    for (const item of watch.items.filter((i) => i.assessed)) {
      const plans = await apiGet<{ total: number }>(
        page,
        `/api/plans?studentId=${item.studentId}&semesterId=${semester?.id}`,
      );
      const risks = await apiGet<{ items: { semesterId: string; removed: boolean }[] }>(
        page,
        `/api/students/${item.studentId}/risks`,
      );
      if (plans.total === 0 && risks.items.some((r) => r.semesterId === semester?.id && !r.removed))
        candidates.push(item.studentId);
    }
    expect(candidates.length).toBeGreaterThan(0);
    for (const id of candidates) {
      const student = await apiGet<{ applicationInForce: boolean }>(page, `/api/students/${id}`);
      if (student.applicationInForce) {
        studentId = id;
        break;
      }
    }
    if (!studentId) {
      // No candidate has an application: record a guardian's one for the first.
      studentId = candidates[0];
      const withGuardian = await apiPost<{ guardians: { id: string }[] }>(
        page,
        `/api/students/${studentId}/guardians`,
        {
          firstName: 'Inese',
          lastName: 'Paraugā',
          relation: 'mother',
        },
      );
      await apiPost(page, `/api/students/${studentId}/applications`, {
        signedOn: current.startsOn,
        signerType: 'guardian',
        guardianId: withGuardian.guardians[0].id,
        scope: 'participation_and_data',
        documentRef: null,
      });
    }
  });

  it('creates a plan for the current semester from the Plans tab of the profile', async () => {
    const { page } = e2e;
    await page.goto(`${e2e.baseUrl}/students/${studentId}`);
    await page.getByRole('tab', { name: 'Plāni' }).click();
    await expect.poll(() => mainText(page)).toContain('Skolēnam vēl nav neviena plāna.');
    await choose(
      page,
      page,
      'Semestris',
      `${current.schoolYear}./${current.schoolYear + 1}. m. g. ${current.number}. semestris`,
    );
    await scan(page, 'profile-plans-tab');
    await page.getByRole('button', { name: 'Izveidot plānu' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/plans/'));
    planUrl = page.url();
    await expect
      .poll(() => page.locator('h1').textContent())
      .toMatch(
        new RegExp(`^Individuālais atbalsta plāns IAP-${current.schoolYear}-${current.number}-\\d{6}$`),
      );
    code = ((await page.locator('h1').textContent()) ?? '').replace('Individuālais atbalsta plāns ', '');
    studentName = (await apiGet<{ studentName: string }>(page, `/api/plans/${planUrl.split('/plans/')[1]}`))
      .studentName;
    expect(await mainText(page)).toContain('Plāns izveidots.');
    // The student's risks of the semester are ticked already.
    const risks = page.getByRole('group', { name: /^Riski/ }).getByRole('checkbox');
    expect(await risks.count()).toBeGreaterThan(0);
    expect(await risks.first().isChecked()).toBe(true);
  });

  it('fills one goal and two measures, shows a refused field where it belongs, saves', async () => {
    const { page } = e2e;
    await page.getByRole('button', { name: 'Pievienot mērķi' }).click();
    const goal = page.getByRole('group', { name: '1. mērķis' });
    await goal.getByRole('textbox', { name: 'Mērķis' }).fill('Mazāk neattaisnotu kavējumu');
    await goal
      .getByRole('textbox', { name: 'Kā pārbaudīs sasniegto' })
      .fill('Ne vairāk kā 5 neattaisnotas stundas semestrī');

    await page.getByRole('button', { name: 'Pievienot pasākumu' }).click();
    const first = page.getByRole('group', { name: '1. pasākums' });
    await choose(page, first, 'Konsultāciju veids', 'Psihologs');
    await first.getByRole('textbox', { name: 'Plānotās stundas' }).fill('4');
    await first
      .getByRole('group', { name: /^Saistītie riski/ })
      .getByRole('checkbox')
      .first()
      .check();
    await first.getByRole('textbox', { name: 'Pamatojums' }).fill('Sarunas par mācību motivāciju');

    await page.getByRole('button', { name: 'Pievienot pasākumu' }).click();
    const second = page.getByRole('group', { name: '2. pasākums' });
    await second.getByRole('radio', { name: 'Ekonomiskais atbalsts' }).check();
    await choose(page, second, 'Atbalsta kategorija', 'Ēdināšana');
    await second.getByRole('textbox', { name: 'Plānotā summa, €' }).fill('25');
    await second
      .getByRole('group', { name: /^Saistītie riski/ })
      .getByRole('checkbox')
      .first()
      .check();

    // The running totals follow the form.
    const totals = page.getByRole('region', { name: 'Kopā plānots' });
    await expect.poll(() => totals.textContent()).toContain('4 h');
    await expect.poll(() => totals.textContent()).toContain('25,00 €');

    // Saving without the second measure's justification: the server's refusal lands on that field.
    await page.getByRole('button', { name: 'Saglabāt' }).click();
    const justification = second.getByRole('textbox', { name: 'Pamatojums' });
    await expect.poll(() => justification.getAttribute('aria-invalid')).toBe('true');
    expect(await first.getByRole('textbox', { name: 'Pamatojums' }).getAttribute('aria-invalid')).not.toBe(
      'true',
    );
    await justification.fill('Siltas pusdienas skolā');
    await page.getByRole('button', { name: 'Saglabāt' }).click();
    await expect.poll(() => mainText(page)).toContain('Plāns saglabāts.');
    await scan(page, 'plan-editor');
    await shot(page, 'plan-editor');
  });

  it('submits the plan for approval', async () => {
    const { page } = e2e;
    await page.getByRole('button', { name: 'Iesniegt saskaņošanai' }).click();
    await expect.poll(() => mainText(page)).toContain('Plāns iesniegts saskaņošanai');
    expect(await mainText(page)).toContain('Saskaņošanā (direktors)');
    await scan(page, 'plan-in-approval-preparer');
    await signOut(page);
  });

  it('the director sees the plan waiting on the start page and approves it from the queue', async () => {
    const { page } = e2e;
    await signIn(e2e, 'direktors.s1');
    await expect.poll(() => mainText(page)).toMatch(/\d+ plān(s|i) gaida jūsu saskaņojumu/);
    await scan(page, 'home-director');
    await page.getByRole('link', { name: 'Saskaņošana', exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Saskaņošana');
    const row = page.locator('tbody tr', { hasText: code });
    await expect.poll(() => row.count()).toBe(1);
    await row.getByRole('checkbox').check();
    await scan(page, 'approvals-director');
    await page.getByRole('button', { name: 'Apstiprināt atzīmētos (1)' }).click();
    const confirm = page.getByRole('dialog', { name: 'Apstiprināt atzīmētos plānus?' });
    await settled(confirm);
    const asked = (await confirm.textContent()) ?? '';
    expect(asked).toContain('Tiks apstiprināts 1 plāns');
    expect(asked).toContain(`${code} (${studentName})`);
    await scan(page, 'approvals-confirm');
    await confirm.getByRole('button', { name: 'Apstiprināt 1 plānu' }).click();
    await expect.poll(() => mainText(page)).toContain('Apstiprināts 1 plāns.');
    expect(await page.locator('tbody tr', { hasText: code }).count()).toBe(0);
    await signOut(page);
  });

  it('the municipality returns it with a comment on the plan and on the first measure', async () => {
    const { page } = e2e;
    await signIn(e2e, 'koord.ziemelu');
    await page.goto(`${e2e.baseUrl}/approvals`);
    await page.getByRole('link', { name: code }).click();
    await expect.poll(() => mainText(page)).toContain('Saskaņošanā (pašvaldība)');
    await page.getByRole('button', { name: 'Atgriezt labošanai' }).click();
    const dialog = page.getByRole('dialog', { name: `Atgriezt plānu ${code} labošanai` });
    await dialog
      .getByRole('textbox', { name: 'Komentārs par plānu' })
      .fill('Psihologa konsultāciju par maz.');
    await dialog
      .getByRole('textbox', { name: 'Komentārs par 1. pasākumu' })
      .fill('Ar 4 stundām semestrī nepietiks.');
    await settled(dialog);
    await scan(page, 'return-dialog');
    await dialog.getByRole('button', { name: 'Atgriezt labošanai' }).click();
    await expect.poll(() => mainText(page)).toContain('Plāns atgriezts labošanai.');
    expect(await mainText(page)).toContain('Projekts');
    await signOut(page);
  });

  it('the preparer opens it from the notification, sees the comments and resubmits with 8 hours', async () => {
    const { page } = e2e;
    await signIn(e2e, 'koord.s1');
    const bell = page.getByRole('button', { name: /^Paziņojumi, \d+ nelasīt/ });
    await bell.click();
    await settled(page.getByRole('dialog', { name: 'Paziņojumi' }));
    await scan(page, 'notifications');
    await page.getByRole('link', { name: new RegExp(`Plāns ${code} atgriezts labošanai`) }).click();
    await page.waitForURL(planUrl);
    await expect.poll(() => mainText(page)).toContain('Psihologa konsultāciju par maz.');
    expect(await mainText(page)).toContain('Plāns atgriezts labošanai');
    const first = page.getByRole('group', { name: '1. pasākums' });
    expect(await first.textContent()).toContain('Ar 4 stundām semestrī nepietiks.');
    await first.getByRole('textbox', { name: 'Plānotās stundas' }).fill('8');
    await expect
      .poll(() => page.getByRole('region', { name: 'Kopā plānots' }).textContent())
      .toContain('8 h');
    await scan(page, 'plan-returned');
    await page.getByRole('button', { name: 'Iesniegt saskaņošanai' }).click();
    await expect.poll(() => mainText(page)).toContain('Plāns iesniegts saskaņošanai');
    await signOut(page);
  });

  it('the director approves the resubmitted plan on its page', async () => {
    const { page } = e2e;
    await signIn(e2e, 'direktors.s1');
    await page.goto(planUrl);
    await expect.poll(() => mainText(page)).toContain('Kas mainījies kopš atgriešanas');
    await confirmApproval(page, code, studentName);
    await expect.poll(() => mainText(page)).toContain('Plāns apstiprināts.');
    await signOut(page);
  });

  it('the municipality sees only the changed hours since its return, and approves', async () => {
    const { page } = e2e;
    await signIn(e2e, 'koord.ziemelu');
    await page.getByRole('link', { name: 'Saskaņošana', exact: true }).click();
    const row = page.locator('tbody tr', { hasText: code });
    await expect.poll(() => row.textContent()).toContain('atkārtoti iesniegts');
    await scan(page, 'approvals-municipality');
    await shot(page, 'approval-queue');
    await row.getByRole('link', { name: code }).click();
    const diff = page.getByRole('region', { name: 'Kas mainījies kopš atgriešanas' });
    await expect.poll(() => diff.textContent()).toContain('Plānotās stundas');
    const changes = diff.locator('li');
    expect(await changes.count()).toBe(1);
    const change = ((await changes.first().textContent()) ?? '').replace(/\s+/g, ' ');
    expect(change).toContain('Mainīts pasākums: Konsultācijas: Psihologs');
    expect(change).toMatch(/Plānotās stundas: 4 h →(, mainīts uz)? 8 h/);
    expect(await changes.first().locator('del').allTextContents()).toEqual(['4 h']);
    expect(await changes.first().locator('ins').allTextContents()).toEqual(['8 h']);
    expect(await diff.getByRole('heading').allTextContents()).toEqual([
      'Kas mainījies kopš atgriešanas',
      'Atbalsta pasākumi',
    ]);
    await scan(page, 'plan-diff');
    await shot(page, 'plan-diff');
    await confirmApproval(page, code, studentName);
    await expect.poll(() => mainText(page)).toContain('Plāns apstiprināts.');
    await signOut(page);
  });

  it('the expert gives the final approval; the plan is approved and its PDF reads right', async () => {
    const { page } = e2e;
    await signIn(e2e, 'eksperts');
    await page.goto(planUrl);
    await expect.poll(() => mainText(page)).toContain('Saskaņošanā (eksperts)');
    await confirmApproval(page, code, studentName);
    await expect.poll(() => mainText(page)).toContain('Plāns apstiprināts.');
    expect(await page.getByText('Apstiprināts', { exact: true }).count()).toBeGreaterThan(0);
    await scan(page, 'plan-approved');

    const href = await page.getByRole('link', { name: 'Lejupielādēt PDF (latviski)' }).getAttribute('href');
    const response = await page.request.get(`${e2e.baseUrl}${href}`);
    expect(response.status()).toBe(200);
    const bytes = await response.body();
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    const text = await pdfText(bytes);
    expect(text).toContain('Individuālais atbalsta plāns');
    expect(text).toContain(code);
    expect(text).toContain('Apstiprināts');
    await pdfPageToPng(bytes, path.join(SCREENSHOT_DIR, 'plan-pdf.png'));
  });

  it('lists the plan among all plans with its status', async () => {
    const { page } = e2e;
    await page.getByRole('link', { name: 'Plāni', exact: true }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Individuālie atbalsta plāni');
    await expect
      .poll(() => page.locator('tbody tr', { hasText: code }).textContent())
      .toContain('Apstiprināts');
    await scan(page, 'plan-list');
  });

  it('has no axe violations on any page visited', () => {
    const failing = visited.filter((v) => v.violations.length > 0);
    if (failing.length) console.error(JSON.stringify(failing, null, 1));
    for (const { name, violations } of visited) expect(violations, name).toEqual([]);
    console.info(
      `plans e2e: ${visited.length} pages scanned in ${Math.round((Date.now() - started) / 1000)} s`,
    );
  });
});
