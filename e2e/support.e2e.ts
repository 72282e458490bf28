import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type E2E, SCREENSHOT_DIR, screenshot, signIn, startE2E } from './harness.ts';

let e2e: E2E;
const started = Date.now();
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const TEACHER = 'Jānis Skolotājs';
const PINS = ['2468', '13579'];

/** A GET of the JSON API with the browser's session. */
async function apiGet<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(`${e2e.baseUrl}${url}`);
  expect(response.ok(), `${url} answered ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

/** A mutation of the JSON API with the browser's session and a fresh CSRF token. */
async function apiSend(page: Page, method: 'post' | 'put', url: string, body: unknown): Promise<void> {
  const { token } = await apiGet<{ token: string }>(page, '/api/auth/csrf');
  const response = await page.request[method](`${e2e.baseUrl}${url}`, {
    data: body,
    headers: { 'x-csrf-token': token },
  });
  expect(response.ok(), `${url} answered ${response.status()}: ${await response.text()}`).toBe(true);
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Iziet' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/login'));
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

type Measure = { studentId: string; studentName: string; planId: string; plannedHours: number };

describe('support delivery: group consultation confirmed by PIN, remote link, timesheet sign-off and XLSX', () => {
  const visited: { name: string; violations: string[] }[] = [];
  const scan = async (page: Page, name: string) =>
    visited.push({ name, violations: await axeViolations(page) });
  let students: Measure[] = [];
  const pinOf = new Map<string, string>();

  it('the coordinator starts a second plan naming the teacher and gives both students a PIN', async () => {
    const { page } = e2e;
    await signIn(e2e, 'koord.s1');
    type List = { items: { id: string; studentId: string; studentName: string }[] };
    const running = await apiGet<List>(page, '/api/plans?status=in_progress');
    const approved = await apiGet<List>(page, '/api/plans?status=approved');
    for (const plan of approved.items.slice(0, Math.max(0, 2 - running.items.length))) {
      await apiSend(page, 'post', `/api/plans/${plan.id}/start`, {});
    }
    const plans = (await apiGet<List>(page, '/api/plans?status=in_progress')).items.slice(0, 2);
    expect(plans).toHaveLength(2);
    // The first PIN through the profile's form (Pamatdati tab), the second through the API.
    await page.goto(`${e2e.baseUrl}/students/${plans[0].studentId}`);
    const pinForm = page.getByRole('region', { name: 'Apstiprināšanas PIN' });
    await pinForm.getByLabel('Jauns PIN').fill(PINS[0]);
    await pinForm.getByRole('button', { name: 'Saglabāt PIN' }).click();
    await expect.poll(() => pinForm.textContent()).toContain('Jaunais PIN saglabāts.');
    await scan(page, 'student-profile-pin');
    await apiSend(page, 'put', `/api/students/${plans[1].studentId}/pin`, { pin: PINS[1] });
    for (const [i, plan] of plans.entries()) pinOf.set(plan.studentId, PINS[i]);
    await signOut(page);
  });

  it('the teacher records a 90-minute group session on a phone and both students confirm with their PIN', async () => {
    const { page } = e2e;
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(e2e, 'skolotajs.s1');
    const mine = await apiGet<{ items: Measure[] }>(page, '/api/support/my-measures');
    expect(mine.items.length).toBeGreaterThanOrEqual(2);
    students = mine.items.slice(0, 2);
    await page.getByRole('button', { name: 'Rādīt vai slēpt navigāciju' }).click();
    await page.getByRole('link', { name: 'Mani skolēni' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mani skolēni' }).waitFor();
    await expect
      .poll(() => page.locator('main').textContent())
      .toContain(`0 no ${students[0].plannedHours} h`);
    await screenshot(page, 'support-my-students-phone');
    await scan(page, 'support-list');
    for (const s of students) {
      await page.getByRole('checkbox', { name: new RegExp(`^${escapeRegExp(s.studentName)}`) }).check();
    }
    await page.getByRole('button', { name: 'Reģistrēt grupas nodarbību' }).click();
    await page.getByRole('heading', { name: 'Jauna nodarbība' }).waitFor();
    await page.getByLabel('Ilgums (minūtes)').fill('90');
    await page.getByLabel('Tēma').fill('Daļskaitļu darbības un teksta uzdevumi');
    await screenshot(page, 'support-session-form-phone');
    await scan(page, 'support-form');
    await page.getByRole('button', { name: 'Saglabāt nodarbību' }).click();
    await page.getByRole('heading', { name: 'Skolēnu apstiprinājums' }).waitFor();
    // A wrong PIN is refused and said so next to the field.
    await page.getByLabel(`PIN: ${students[0].studentName}`).fill('0000');
    await page.getByRole('button', { name: `Apstiprināt: ${students[0].studentName}` }).click();
    await page.getByText('Nepareizs PIN.').waitFor();
    for (const s of students) {
      await page.getByLabel(`PIN: ${s.studentName}`).fill(pinOf.get(s.studentId) ?? '');
      await page.getByRole('button', { name: `Apstiprināt: ${s.studentName}` }).click();
    }
    await page.getByText('Visi skolēni ir apstiprinājuši dalību.').waitFor();
    expect(await page.locator('main').getByText('✓ apstiprināts', { exact: true }).count()).toBe(2);
    await screenshot(page, 'support-confirmed-phone');
    await scan(page, 'support-confirmed');
    await page.getByRole('button', { name: 'Gatavs' }).click();
    await expect
      .poll(() => page.locator('main').textContent())
      .toContain(`1,5 no ${students[0].plannedHours} h`);
  });

  it('the week view lists the session with each student confirmation in words', async () => {
    const { page } = e2e;
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.getByRole('link', { name: 'Nodarbības pa nedēļām' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nodarbības pa nedēļām' }).waitFor();
    const session = page.getByRole('article').filter({ hasText: 'Daļskaitļu darbības' });
    await expect.poll(() => session.textContent()).toContain('90 min');
    for (const s of students) expect(await session.textContent()).toContain(s.studentName);
    expect(await session.getByText(/apstiprināts \d{2}\.\d{2}\.\d{4}/).count()).toBe(2);
    await screenshot(page, 'support-week');
    await scan(page, 'support-week');
  });

  it('a remote session gives a link once; the student confirms it signed out, with the PIN', async () => {
    const { page } = e2e;
    await page.goto(`${e2e.baseUrl}/support`);
    await page.getByRole('button', { name: `Reģistrēt nodarbību: ${students[1].studentName}` }).click();
    await page.getByLabel('Tēma').fill('Gatavošanās ieskaitei');
    await page.getByRole('radio', { name: 'Attālināti' }).check();
    await page.getByRole('button', { name: 'Saglabāt nodarbību' }).click();
    await page.getByRole('heading', { name: /nosūtiet saiti/ }).waitFor();
    const remoteLink = await page.getByLabel('Apstiprināšanas saite').inputValue();
    expect(remoteLink).toMatch(new RegExp(`^${escapeRegExp(e2e.baseUrl)}/confirm/.{20,}`));
    await scan(page, 'support-remote-link');
    await page.getByRole('button', { name: 'Gatavs' }).click();
    await signOut(page);
    await page.goto(remoteLink);
    await page.getByRole('heading', { level: 1, name: 'Nodarbības apstiprināšana' }).waitFor();
    // The heading shows while the session's details load: wait for them.
    await expect.poll(() => page.locator('main').textContent()).toContain(TEACHER);
    // The only student still to confirm is chosen already.
    expect(await page.getByRole('combobox', { name: 'Skolēns' }).inputValue()).toMatch(/^\S+ \S\.$/);
    await page.getByLabel('Jūsu PIN').fill(pinOf.get(students[1].studentId) ?? '');
    await screenshot(page, 'support-public-confirm');
    await page.getByRole('button', { name: 'Apstiprināt dalību' }).click();
    await page.getByText(/Dalība apstiprināta\./).waitFor();
    await scan(page, 'public-confirm');
  });

  it('the plan shows 1,5 h delivered; the coordinator sees the confirmed hours, adds preparation, signs off and downloads the XLSX', async () => {
    const { page } = e2e;
    await signIn(e2e, 'koord.s1');
    // The plan shows the delivered hours (the teacher, not assigned to the student, may not open it).
    await page.goto(`${e2e.baseUrl}/plans/${students[0].planId}`);
    const progress = page.getByRole('region', { name: 'Plānotais un sniegtais atbalsts' });
    await expect.poll(() => progress.textContent()).toContain(`1,5 no ${students[0].plannedHours} h`);
    await progress.screenshot({ path: `${SCREENSHOT_DIR}/support-plan-progress.png` });
    await scan(page, 'plan-progress');
    await page.getByRole('link', { name: 'Darba laika uzskaite' }).click();
    await page.getByRole('heading', { level: 1, name: 'Darba laika uzskaite' }).waitFor();
    const row = page
      .getByRole('table')
      .first()
      .getByRole('row', { name: new RegExp(TEACHER) });
    // 90 min group session (counted once) + 45 min remote session = 2,25 h confirmed.
    await expect.poll(() => row.textContent()).toContain('2,25');
    await scan(page, 'timesheets');
    const form = page.getByRole('region', { name: 'Pievienot sagatavošanas vai uzraudzības stundas' });
    await form.getByRole('combobox', { name: 'Atbalsta sniedzējs' }).click();
    await page.getByRole('option', { name: TEACHER }).click();
    await form.getByLabel('Stundas').fill('2');
    await form.getByRole('button', { name: 'Pievienot stundas' }).click();
    await expect.poll(() => row.textContent()).toContain('4,25');
    await page.getByRole('button', { name: 'Apstiprināt mēnesi' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Apstiprināt mēnesi' }).click();
    await page.getByText(/Apstiprināja .+ \d{2}\.\d{2}\.\d{4}/).waitFor();
    // After sign-off only an adjustment with a reason is accepted.
    const adjust = page.getByRole('region', { name: 'Pievienot korekciju' });
    await adjust.getByRole('button', { name: 'Pievienot korekciju' }).click();
    await adjust.getByText('Šis lauks ir obligāts.').first().waitFor();
    // Tall enough for the whole page, so the fixed header stays on top of the full-page picture.
    await page.setViewportSize({ width: 1280, height: 1700 });
    await screenshot(page, 'timesheet-signed-off');
    await scan(page, 'timesheets-signed-off');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Lejupielādēt XLSX' }).click(),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.worksheets[0];
    let teacherRow: ExcelJS.Row | undefined;
    sheet.eachRow((r) => {
      if (r.getCell(1).value === TEACHER) teacherRow = r;
    });
    // Name, employee number and position first (payroll), then the hours: confirmed, …, preparation, …, total.
    expect(teacherRow?.getCell(5).value).toBe(2.25);
    expect(teacherRow?.getCell(7).value).toBe(2);
    expect(teacherRow?.getCell(10).value).toBe(4.25);
    expect(String(sheet.getRow(2).getCell(1).value)).toMatch(/^Apstiprināts/);
  });

  it('has no axe violations on any page visited', () => {
    for (const { name, violations } of visited) expect(violations, name).toEqual([]);
    console.log(
      `support e2e: ${visited.length} pages scanned in ${Math.round((Date.now() - started) / 1000)} s`,
    );
  });
});
