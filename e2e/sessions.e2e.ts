import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/demo/accounts.ts';
import { resolveChromium } from './chromium.ts';
import { axeViolations, type E2E, screenshot, signIn, startE2E } from './harness.ts';

let e2e: E2E;
let other: BrowserContext;
let otherProfile: string;

beforeAll(async () => {
  e2e = await startE2E();
  // A second browser with its own profile (cookies): the "other device".
  otherProfile = mkdtempSync(path.join(os.tmpdir(), 'pumpurs-chromium-other-'));
  const browser = await resolveChromium();
  other = await chromium.launchPersistentContext(otherProfile, {
    executablePath: browser.executablePath,
    env: { ...process.env, ...browser.env },
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'],
    locale: 'lv-LV',
    timezoneId: 'Europe/Riga',
    userAgent: 'Otra-ierice/1.0 (e2e)',
  });
});
afterAll(async () => {
  await other?.close();
  await e2e?.close();
  if (otherProfile) rmSync(otherProfile, { recursive: true, force: true });
});

async function signInOther(): Promise<void> {
  const page = other.pages()[0] ?? (await other.newPage());
  await page.goto(`${e2e.baseUrl}/login`);
  await page.getByLabel(/e-pasts/i).fill('skolotajs.s1@demo.pumpurs.lv');
  await page.getByLabel(/parole/i).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /pieslēgties/i }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

const otherStatus = () =>
  (other.pages()[0] as NonNullable<ReturnType<BrowserContext['pages']>[number]>).evaluate(
    async () => (await fetch('/api/me')).status,
  );

describe('sessions in the browser', () => {
  const visited: { name: string; violations: string[] }[] = [];

  it('lists both browsers’ sessions on the account page, this one marked', async () => {
    await signInOther();
    await signIn(e2e, 'skolotajs.s1');
    const { page } = e2e;
    await page.getByRole('link', { name: /Mans konts/ }).click();
    await page.waitForURL(/\/account/);
    const table = page.getByRole('table', { name: 'Jūsu aktīvās sesijas' });
    await expect.poll(() => table.locator('tbody tr').count()).toBe(2);
    expect(await table.innerText()).toContain('Otra-ierice/1.0');
    // The badge is shown in capitals (CSS): compare without case.
    expect((await table.innerText()).toLowerCase()).toContain('šī sesija');
    visited.push({ name: 'account-sessions', violations: await axeViolations(page) });
    await screenshot(page, 'sessions-list');
  });

  it('"sign out everywhere else" ends the other browser’s session and keeps this one', async () => {
    const { page } = e2e;
    expect(await otherStatus()).toBe(200);
    const button = page.getByRole('button', { name: 'Iziet visur citur' });
    await button.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').allInnerTexts()).toContainEqual('Beigta 1 sesija.');
    expect(await otherStatus()).toBe(401);
    await expect.poll(() => page.getByRole('table').locator('tbody tr').count()).toBe(1);
    visited.push({ name: 'account-sessions-after', violations: await axeViolations(page) });
    await screenshot(page, 'sessions-signed-out-elsewhere');
  });

  it('"sign out everywhere" after a confirmation ends this session too', async () => {
    const { page } = e2e;
    await signInOther();
    await page.reload();
    await expect.poll(() => page.getByRole('table').locator('tbody tr').count()).toBe(2);
    await page.getByRole('button', { name: 'Iziet visur', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.innerText()).toContain('Tiks beigtas visas jūsu sesijas');
    visited.push({ name: 'sign-out-everywhere-confirm', violations: await axeViolations(page) });
    await dialog.getByRole('button', { name: 'Iziet visur', exact: true }).click();
    await page.waitForURL(/\/login/);
    expect(await otherStatus()).toBe(401);
    expect(await page.evaluate(async () => (await fetch('/api/me')).status)).toBe(401);
  });

  it('has no axe violations on any page visited', () => {
    expect(visited.length).toBeGreaterThanOrEqual(3);
    for (const v of visited) expect(v.violations, v.name).toEqual([]);
  });
});
