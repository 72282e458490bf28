import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatDate } from '../common/format.ts';
import { addDays } from '../server/platform/dates.ts';
import { resetClock, standInSemester } from './clock.ts';
import { axeViolations, type E2E, screenshot, signIn, startE2E } from './harness.ts';

let e2e: E2E;
let today = '';
beforeAll(async () => {
  e2e = await startE2E();
  today = (await standInSemester(e2e)).today;
});
afterAll(async () => {
  resetClock();
  await e2e?.close();
});

const PIN = '86420';

async function apiGet<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(`${e2e.baseUrl}${url}`);
  expect(response.ok(), `${url} answered ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

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

describe('scheduling: a teacher plans weekly consultations and turns one into a confirmed record', () => {
  const visited: { name: string; violations: string[] }[] = [];
  /** Scans the page as it is at 1366 px and at 360 px wide (a screenshot of each). */
  const scanBoth = async (page: Page, name: string) => {
    for (const width of [1366, 360]) {
      await page.setViewportSize({ width, height: width === 360 ? 800 : 900 });
      // Let the navigation finish sliding in or out after the resize before the picture and the scan.
      await page.waitForTimeout(500);
      await screenshot(page, `${name}-${width}`);
      visited.push({ name: `${name} @${width}`, violations: await axeViolations(page) });
    }
    await page.setViewportSize({ width: 1366, height: 900 });
  };
  let studentName = '';
  let planCode = '';

  it('the coordinator starts the approved plans and gives their students a PIN', async () => {
    const { page } = e2e;
    await signIn(e2e, 'koord.s1');
    type List = { items: { id: string; studentId: string }[] };
    const approved = await apiGet<List>(page, '/api/plans?status=approved');
    for (const plan of approved.items) await apiSend(page, 'post', `/api/plans/${plan.id}/start`, {});
    const running = await apiGet<List>(page, '/api/plans?status=in_progress');
    for (const plan of running.items)
      await apiSend(page, 'put', `/api/students/${plan.studentId}/pin`, { pin: PIN });
    await signOut(page);
  });

  it('the teacher named on a plan finds it in Plāni', async () => {
    const { page } = e2e;
    await page.setViewportSize({ width: 1366, height: 900 });
    await signIn(e2e, 'skolotajs.s1');
    const mine = await apiGet<{ items: { studentName: string; planCode: string }[] }>(
      page,
      '/api/support/my-measures',
    );
    expect(mine.items.length).toBeGreaterThan(0);
    ({ studentName, planCode } = mine.items[0]);
    await page.getByRole('link', { name: 'Plāni' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expect.poll(() => page.locator('main').textContent()).toContain(planCode);
    await scanBoth(page, 'scheduling-plans');
  });

  it('schedules two weekly consultations from the week view', async () => {
    const { page } = e2e;
    await page.goto(`${e2e.baseUrl}/support/week`);
    await page.getByRole('heading', { level: 1, name: 'Nodarbības pa nedēļām' }).waitFor();
    await page.getByRole('button', { name: 'Plānot konsultāciju' }).click();
    await page.getByRole('combobox', { name: 'Skolēns un pasākums' }).click();
    await page.getByRole('option', { name: new RegExp(planCode) }).click();
    await page.getByLabel('Sākuma laiks').fill('07:15');
    await page.getByRole('textbox', { name: 'Telpa' }).fill('Kabinets 12');
    await page
      .getByRole('textbox', { name: /Atkārtot katru nedēļu līdz/ })
      .fill(formatDate(addDays(today, 7)));
    await page.keyboard.press('Tab');
    await scanBoth(page, 'scheduling-form');
    await page.getByRole('button', { name: 'Saglabāt plānu' }).click();
    await page.getByText('Ieplānotas konsultācijas: 2.').waitFor();
    const planned = await apiGet<{ items: { onDate: string; studentName: string; room: string }[] }>(
      page,
      `/api/support/planned?from=${today}&to=${addDays(today, 7)}`,
    );
    const ours = planned.items.filter((p) => p.studentName === studentName && p.room === 'Kabinets 12');
    expect(ours.map((p) => p.onDate)).toEqual([today, addDays(today, 7)]);
    const item = page.getByTestId('planned-item').filter({ hasText: studentName });
    await expect.poll(() => item.first().textContent()).toContain('telpa Kabinets 12');
    await scanBoth(page, 'scheduling-week');
  });

  it('turns today’s consultation into a record that the student confirms with the PIN', async () => {
    const { page } = e2e;
    const item = page.getByTestId('planned-item').filter({ hasText: studentName }).first();
    await item.getByRole('button', { name: 'Reģistrēt' }).click();
    await page.getByRole('heading', { name: 'Reģistrēt ieplānoto konsultāciju' }).waitFor();
    expect(await page.getByLabel('Sākuma laiks').inputValue()).toBe('07:15');
    await page.getByLabel('Tēma').fill('Plānotā konsultācija');
    await scanBoth(page, 'scheduling-record');
    await page.getByRole('button', { name: 'Saglabāt nodarbību' }).click();
    await page.getByRole('heading', { name: 'Skolēnu apstiprinājums' }).waitFor();
    await page.getByLabel(`PIN: ${studentName}`).fill(PIN);
    await page.getByRole('button', { name: `Apstiprināt: ${studentName}` }).click();
    await page.getByText('Visi skolēni ir apstiprinājuši dalību.').waitFor();
    await scanBoth(page, 'scheduling-confirmed');
    await page.getByRole('button', { name: 'Gatavs' }).click();
    const item2 = page.getByTestId('planned-item').filter({ hasText: studentName }).first();
    await expect.poll(() => item2.textContent()).toContain('Reģistrēta');
  });

  it('sees the session on the own timesheet', async () => {
    const { page } = e2e;
    await page.goto(`${e2e.baseUrl}/timesheets`);
    await page.getByRole('heading', { level: 1, name: 'Mans darba laiks' }).waitFor();
    const hours = page.locator('section[aria-labelledby="my-hours-title"]');
    await expect.poll(() => hours.textContent()).toContain(studentName);
    await scanBoth(page, 'scheduling-timesheet');
  });

  it('has no axe violations on any page visited, at 1366 and 360 px', () => {
    expect(visited.length).toBeGreaterThanOrEqual(12);
    for (const { name, violations } of visited) expect(violations, name).toEqual([]);
  });
});
