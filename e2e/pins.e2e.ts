import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../test/pdf.ts';
import { axeViolations, type E2E, screenshot, signIn, startE2E } from './harness.ts';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const COORDINATOR = 'Kristīne Koordinatore';

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

describe('PINs for a class: the teacher is warned, the coordinator prints the slips, the PIN confirms', () => {
  const visited: { name: string; violations: string[] }[] = [];
  const scan = async (page: Page, name: string) =>
    visited.push({ name, violations: await axeViolations(page) });
  let plan: { id: string; studentId: string; studentName: string; classLabel: string };
  let pin = '';

  it('a running plan names the teacher (the demo has no PINs)', async () => {
    const { page } = e2e;
    await signIn(e2e, 'koord.s1');
    type List = { items: { id: string }[] };
    if ((await apiGet<List>(page, '/api/plans?status=in_progress')).items.length === 0) {
      const approved = await apiGet<List>(page, '/api/plans?status=approved');
      await apiPost(page, `/api/plans/${approved.items[0].id}/start`, {});
    }
    const first = (await apiGet<List>(page, '/api/plans?status=in_progress')).items[0];
    plan = await apiGet(page, `/api/plans/${first.id}`);
    await signOut(page);
  });

  it('the session form names the student without a PIN and who sets it, before saving', async () => {
    const { page } = e2e;
    await signIn(e2e, 'skolotajs.s1');
    await page.goto(`${e2e.baseUrl}/support`);
    const card = page.getByRole('listitem').filter({ hasText: plan.studentName });
    await expect
      .poll(() => card.getByTestId('measure-no-pin').textContent())
      .toContain(`Nav PIN — PIN piešķir: ${COORDINATOR}`);
    await page.getByRole('button', { name: `Reģistrēt nodarbību: ${plan.studentName}` }).click();
    await page.getByRole('heading', { name: 'Jauna nodarbība' }).waitFor();
    const warning = page.getByTestId('pin-warning');
    await expect.poll(() => warning.textContent()).toContain(plan.studentName);
    expect(await warning.textContent()).toContain(`PIN piešķir: ${COORDINATOR}`);
    await screenshot(page, 'pins-session-warning');
    await scan(page, 'session-form-no-pin');
    await signOut(page);
  });

  it('the coordinator generates the class PINs from the student list and downloads the slips', async () => {
    const { page } = e2e;
    await signIn(e2e, 'koord.s1');
    await page.goto(
      `${e2e.baseUrl}/students?status=enrolled&classLabel=${encodeURIComponent(plan.classLabel)}`,
    );
    const row = page.getByRole('row', { name: new RegExp(plan.studentName.split(' ').reverse().join(' ')) });
    await expect.poll(() => row.getByTestId('pin-status').textContent()).toBe('Nav');
    const classSize = await page.getByTestId('pin-status').count();
    await page.getByRole('button', { name: 'Ģenerēt PIN klasei' }).click();
    const dialog = page.getByRole('dialog', { name: 'PIN visai klasei' });
    expect(await dialog.getByLabel('Klase').inputValue()).toBe(plan.classLabel);
    expect(await dialog.getByRole('radio', { name: 'Tikai tiem, kam PIN vēl nav' }).isChecked()).toBe(true);
    // Keyboard: Enter submits the form (Continue), then the confirmation names the count.
    await dialog.getByLabel('Klase').press('Enter');
    await expect
      .poll(() => dialog.getByRole('status').textContent())
      .toMatch(
        new RegExp(`Tiks izveidot[si] ${classSize} PIN klases ${plan.classLabel.replace('.', '\\.')}`),
      );
    await screenshot(page, 'pins-modal-confirm');
    await scan(page, 'pins-modal');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      dialog.getByRole('button', { name: `Izveidot un lejupielādēt (${classSize})` }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^PIN-.+\.pdf$/);
    const text = await pdfText(new Uint8Array(readFileSync(await download.path())));
    const slip = text.match(new RegExp(`${plan.studentName}\\nKlase: [^\\n]+\\nPIN: (\\d{6})`));
    expect(slip, text).not.toBeNull();
    pin = slip?.[1] ?? '';
    await page.getByText(/PIN klasei .+; lapa lejupielādēta\./).waitFor();
    await expect.poll(() => row.getByTestId('pin-status').textContent()).toBe('Ir');
    expect(await page.getByTestId('pin-status').filter({ hasText: 'Nav' }).count()).toBe(0);
    await screenshot(page, 'pins-list-after');
    await scan(page, 'students-list-pins');
    await page.goto(`${e2e.baseUrl}/plans/${plan.id}`);
    await page.getByText('PIN ir piešķirts').waitFor();
    await scan(page, 'plan-pin-status');
    await signOut(page);
  });

  it('the teacher sees no warning now and the student confirms with the PIN from the slip', async () => {
    const { page } = e2e;
    await signIn(e2e, 'skolotajs.s1');
    await page.goto(`${e2e.baseUrl}/support`);
    const card = page.getByRole('listitem').filter({ hasText: plan.studentName });
    await card.getByRole('button', { name: `Reģistrēt nodarbību: ${plan.studentName}` }).waitFor();
    expect(await card.getByTestId('measure-no-pin').count()).toBe(0);
    await page.getByRole('button', { name: `Reģistrēt nodarbību: ${plan.studentName}` }).click();
    await page.getByRole('heading', { name: 'Jauna nodarbība' }).waitFor();
    expect(await page.getByTestId('pin-warning').count()).toBe(0);
    await page.getByLabel('Tēma').fill('PIN no lapiņas');
    await page.getByRole('button', { name: 'Saglabāt nodarbību' }).click();
    await page.getByRole('heading', { name: 'Skolēnu apstiprinājums' }).waitFor();
    await page.getByLabel(`PIN: ${plan.studentName}`).fill(pin);
    await page.getByRole('button', { name: `Apstiprināt: ${plan.studentName}` }).click();
    await page.getByText('Visi skolēni ir apstiprinājuši dalību.').waitFor();
    await scan(page, 'session-confirmed');
  });

  it('every page visited passes axe', () => {
    expect(visited.filter((v) => v.violations.length > 0)).toEqual([]);
  });
});
