import type { Download } from 'playwright-core';
import { expect } from 'vitest';
import type { E2E } from './harness.ts';

/** Opens a plan's page and downloads its PDF in Latvian (the link of the plan's actions). */
export async function downloadPlanPdf(e2e: E2E, plan: { id: string; code: string }): Promise<Download> {
  const { page } = e2e;
  await page.goto(`${e2e.baseUrl}/plans/${plan.id}`);
  await page.getByRole('heading', { name: 'Parakstītais plāns' }).waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Lejupielādēt PDF (latviski)' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${plan.code}-lv.pdf`);
  return download;
}
