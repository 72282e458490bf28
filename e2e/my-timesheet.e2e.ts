import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type E2E, screenshot, signIn, startE2E } from './harness.ts';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

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

describe('the people who deliver: the plan in Plāni, a session, the own timesheet', () => {
  const visited: { name: string; violations: string[] }[] = [];
  const scan = async (page: Page, name: string) =>
    visited.push({ name, violations: await axeViolations(page) });
  let studentName = '';

  it('a teacher named on a running plan finds it in Plāni and records a session', async () => {
    const { page } = e2e;
    await signIn(e2e, 'koord.s1');
    type List = { items: { id: string }[] };
    const approved = await apiGet<List>(page, '/api/plans?status=approved');
    for (const plan of approved.items) await apiPost(page, `/api/plans/${plan.id}/start`, {});
    await page.getByRole('button', { name: 'Iziet' }).click();
    await page.waitForURL((url) => url.pathname.startsWith('/login'));

    await signIn(e2e, 'skolotajs.s1');
    const mine = await apiGet<{ items: { studentName: string; planCode?: string }[] }>(
      page,
      '/api/support/my-measures',
    );
    expect(mine.items.length).toBeGreaterThan(0);
    studentName = mine.items[0].studentName;
    const plans = await apiGet<{ items: { code: string; studentName: string }[]; total: number }>(
      page,
      '/api/plans',
    );
    expect(plans.total).toBeGreaterThan(0);
    await page.goto(`${e2e.baseUrl}/plans`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expect.poll(() => page.locator('main').textContent()).toContain(plans.items[0].code);
    await screenshot(page, 'teacher-plans');
    await scan(page, 'teacher-plans');

    await page.goto(`${e2e.baseUrl}/support`);
    await page.getByRole('heading', { level: 1, name: 'Mani skolēni' }).waitFor();
    await page.getByRole('button', { name: `Reģistrēt nodarbību: ${studentName}` }).click();
    await page.getByLabel('Tēma').fill('Lasītprasme');
    await page.getByRole('button', { name: 'Saglabāt nodarbību' }).click();
    await page.getByRole('heading', { name: 'Skolēnu apstiprinājums' }).waitFor();
    await page.getByRole('button', { name: 'Gatavs' }).click();
  });

  it('sees the session on their own timesheet, awaiting confirmation until today', async () => {
    const { page } = e2e;
    await page.goto(`${e2e.baseUrl}/timesheets`);
    await page.getByRole('heading', { level: 1, name: 'Mans darba laiks' }).waitFor();
    const awaiting = page.getByRole('region', { name: 'Nodarbības, kas gaida apstiprinājumu' });
    await expect.poll(() => awaiting.textContent()).toContain(studentName);
    expect(await awaiting.textContent()).toContain('var apstiprināt līdz');
    const hours = page.locator('section[aria-labelledby="my-hours-title"]');
    expect(await hours.textContent()).toContain(studentName);
    await page.setViewportSize({ width: 1280, height: 1200 });
    await screenshot(page, 'my-timesheet');
    await scan(page, 'my-timesheet');
    await page.setViewportSize({ width: 360, height: 800 });
    await screenshot(page, 'my-timesheet-phone');
    await scan(page, 'my-timesheet-phone');
  });

  it('has no axe violations on any page visited', () => {
    for (const { name, violations } of visited) expect(violations, name).toEqual([]);
  });
});
