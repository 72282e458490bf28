import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfPageToPng, pdfText } from '../test/pdf.ts';
import { axeViolations, type E2E, signIn, startE2E } from './harness.ts';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const SHOTS = path.resolve('.tmp', 'subject-export-e2e');

async function apiGet<T>(page: Page, url: string): Promise<T> {
  const response = await page.request.get(`${e2e.baseUrl}${url}`);
  expect(response.ok(), `${url} answered ${response.status()}`).toBe(true);
  return (await response.json()) as T;
}

describe('the data-subject export from the student page', () => {
  const visited: { name: string; violations: string[] }[] = [];

  it('the coordinator downloads the JSON and the PDF of a student with a plan', async () => {
    const { page } = e2e;
    await signIn(e2e, 'koord.s1');
    type List = { items: { id: string; code: string; studentId: string; studentName: string }[] };
    const plan = (await apiGet<List>(page, '/api/plans?status=in_progress')).items[0];
    await page.goto(`${e2e.baseUrl}/students/${plan.studentId}`);
    const group = page.getByRole('group', { name: 'Datu izraksts (VDAR 15. pants)' });
    await group.waitFor();
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, 'student-page.png'), fullPage: true });
    visited.push({ name: 'student page', violations: await axeViolations(page) });

    // Reached with the keyboard: focus the JSON link and press Enter.
    const jsonLink = group.getByRole('link', { name: 'Lejupielādēt datu izrakstu JSON formātā' });
    await jsonLink.focus();
    const [json] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(json.suggestedFilename()).toMatch(/^subject-export-\d{4}-\d{2}-\d{2}\.json$/);
    const doc = JSON.parse(readFileSync(await json.path(), 'utf8'));
    expect(doc.schema).toBe('pumpurs.subject-export');
    expect(doc.sections.student[0].id).toBe(plan.studentId);
    expect(doc.sections.plans.map((p: { code: string }) => p.code)).toContain(plan.code);

    const [pdf] = await Promise.all([
      page.waitForEvent('download'),
      group.getByRole('link', { name: 'Lejupielādēt datu izrakstu PDF formātā' }).click(),
    ]);
    const bytes = new Uint8Array(readFileSync(await pdf.path()));
    await pdfPageToPng(bytes, path.join(SHOTS, 'subject-export-pdf.png'), 1, 1.5);
    const text = await pdfText(bytes);
    expect(text).toContain('Datu izraksts par skolēnu (VDAR 15. pants)');
    expect(text).toContain(plan.studentName);
    expect(text).toContain('Atbalsta plāni');
    expect(text).toContain(plan.code);
    expect(text).toContain('1. lpp. no');
  });

  it('is not offered to a teacher', async () => {
    const { page } = e2e;
    await page.context().clearCookies();
    await signIn(e2e, 'skolotajs.s1');
    type List = { items: { id: string }[] };
    const student = (await apiGet<List>(page, '/api/students?pageSize=1')).items[0];
    await page.goto(`${e2e.baseUrl}/students/${student.id}`);
    await page.getByRole('tab', { name: 'Hronoloģija' }).waitFor();
    expect(await page.getByRole('group', { name: 'Datu izraksts (VDAR 15. pants)' }).count()).toBe(0);
    visited.push({ name: 'teacher student page', violations: await axeViolations(page) });
  });

  it('every page visited passes axe', () => {
    expect(visited.length).toBe(2);
    expect(visited.filter((v) => v.violations.length > 0)).toEqual([]);
  });
});
