import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type E2E, screenshot, signIn, startE2E } from './harness.ts';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

describe('audit log page', () => {
  const visited: { name: string; violations: string[] }[] = [];
  let studentName = '';

  it("shows the coordinator a student's name and filters by an action chosen in words", async () => {
    const { page } = e2e;
    await signIn(e2e, 'koord.s1');
    const student = await page.evaluate(async () => {
      const list = await (await fetch('/api/students?pageSize=1')).json();
      const s = list.items[0];
      await fetch(`/api/students/${s.id}`);
      return `${s.firstName} ${s.lastName}`;
    });
    studentName = student;
    await page.goto(`${e2e.baseUrl}/audit`);
    await expect.poll(() => page.locator('main').innerText()).toContain(`Skolēns: ${studentName}`);
    const action = page.getByRole('combobox', { name: 'Darbība', exact: true });
    await action.click();
    await action.fill('Skolēna datu');
    await page.getByRole('option', { name: 'Skolēna datu skatīšana', exact: true }).click();
    await page.getByRole('button', { name: 'Rādīt' }).click();
    await page.waitForURL(/action=student\.read/);
    // Every row left is that action, named in words, and the student's name is on it.
    await expect
      .poll(async () => [...new Set(await page.locator('tbody tr td:nth-child(3)').allInnerTexts())])
      .toEqual(['Skolēna datu skatīšana']);
    expect(await page.locator('tbody').innerText()).toContain(studentName);
    visited.push({ name: 'audit-coordinator', violations: await axeViolations(page) });
    await screenshot(page, 'audit-coordinator-lv');
  });

  it("shows the auditor the whole country's log with pseudonyms instead of names", async () => {
    const { page } = e2e;
    await page.getByRole('button', { name: /iziet|sign out/i }).click();
    await page.waitForURL(/\/login/);
    await signIn(e2e, 'auditors');
    await page.getByRole('link', { name: 'Audita žurnāls' }).click();
    await page.goto(`${e2e.baseUrl}/audit?entityType=student`);
    await expect.poll(() => page.locator('tbody').innerText()).toMatch(/Skolēns: #[0-9a-f]{10}/);
    expect(await page.locator('main').innerText()).not.toContain(studentName);
    visited.push({ name: 'audit-auditor', violations: await axeViolations(page) });
    await screenshot(page, 'audit-auditor-lv');
  });

  it('has no accessibility violations on the pages visited', () => {
    expect(visited.filter((v) => v.violations.length > 0)).toEqual([]);
  });
});
