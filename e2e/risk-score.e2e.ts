import { sql } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../server/platform/db.ts';
import { writeRiskHistory } from '../test/risk-history-fixture.ts';
import { resetClock, standInSemester, type TestCalendar } from './clock.ts';
import { axeViolations, type E2E, screenshot, signIn, startE2E } from './harness.ts';

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

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Iziet' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/login'));
}

/** POST /api/risk-score/refit from the signed-in page, then polls the job to its end. */
async function refitInBrowser(page: Page): Promise<{ state: string; errorCode: string | null }> {
  return page.evaluate(async () => {
    const { token } = await (await fetch('/api/auth/csrf')).json();
    const started = await fetch('/api/risk-score/refit', {
      method: 'POST',
      headers: { 'x-csrf-token': token },
    });
    if (started.status !== 202) throw new Error(`refit: ${started.status} ${await started.text()}`);
    const { jobId } = await started.json();
    for (let i = 0; i < 300; i += 1) {
      const job = await (await fetch(`/api/jobs/${jobId}`)).json();
      if (job.state === 'done' || job.state === 'failed') return job;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('refit did not end');
  });
}

describe('the advisory risk score on the watch list', () => {
  const visited: { name: string; violations: string[] }[] = [];

  it('the national admin refits the score on the history; the coordinator sees the rank column with its reasons', async () => {
    const { page } = e2e;
    const schools = await e2e.database.read((db) =>
      queryRows<{ id: string }>(
        db,
        sql`select id from organisations where code in ('ZIEM-S1', 'ZIEM-S2', 'DIEN-S5') order by code`,
      ),
    );
    // A past semester with outcomes: what the demo's own history may not hold yet.
    await writeRiskHistory(e2e.database, {
      semesterId: cal.previous.id,
      schoolYear: cal.previous.schoolYear,
      schoolIds: schools.map((s) => s.id),
      positives: 60,
      negatives: 200,
    });
    await signIn(e2e, 'admin');
    const job = await refitInBrowser(page);
    expect(job.state, job.errorCode ?? '').toBe('done');
    await signOut(page);

    await signIn(e2e, 'koord.s1');
    await page.goto(`${e2e.baseUrl}/watch-list`);
    await page.getByRole('columnheader', { name: 'Riska rangs skolā' }).waitFor();
    const cells = page.locator('tbody td', { hasText: /^\d+\. no \d+/ });
    await expect.poll(() => cells.count()).toBeGreaterThan(0);
    const first = (await cells.first().textContent()) ?? '';
    expect(first).toMatch(/^\d+\. no \d+/);
    await expect
      .poll(() => page.locator('main').textContent())
      .toContain('Riska rangs ir ieteikums, nevis spriedums');
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await screenshot(page, `risk-score-watch-list-${width}`);
      visited.push({ name: `watch-list@${width}`, violations: await axeViolations(page) });
    }
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('passes axe on every page it visited', () => {
    expect(visited.filter((v) => v.violations.length > 0)).toEqual([]);
  });
});
