import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { buildApp } from '../server/app.ts';
import { DEMO_PASSWORD } from '../server/demo/accounts.ts';
import { loadDemoIfEmpty } from '../server/demo/seed.ts';
import { demoTotpSecret, totpCode } from '../server/domains/auth/index.ts';
import { advanceClock, nowMs } from '../server/platform/clock.ts';
import { loadConfig } from '../server/platform/config.ts';
import { SESSION_COOKIE } from '../server/platform/cookies.ts';
import { type Database, openDatabase } from '../server/platform/db.ts';
import { ensureWebBuilt } from '../server/platform/web-build.ts';
import { completeSecondFactorForTest } from '../test/second-factor.ts';
import { resolveChromium } from './chromium.ts';
import { E2E_TEMPLATE_DIR } from './global-setup.ts';

export const SCREENSHOT_DIR = path.resolve('e2e', 'screenshots');

/** A running app on a fresh demo database and a headless Chromium. */
export interface E2E {
  baseUrl: string;
  /** The app's database (to read the demo's semesters). */
  database: Database;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * Starts the app (PGlite, or PostgreSQL when E2E_DATABASE_URL is set) and a headless Chromium: the
 * one in the npm package @sparticuz/chromium, or the one CHROMIUM_PATH names (see chromium.ts).
 */
export async function startE2E(): Promise<E2E> {
  await ensureWebBuilt();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'pumpurs-e2e-'));
  // A copy of the demo database the global set-up loaded (when it did: PGlite only).
  if (!process.env.E2E_DATABASE_URL && existsSync(E2E_TEMPLATE_DIR))
    cpSync(path.join(E2E_TEMPLATE_DIR, 'pglite'), path.join(dataDir, 'pglite'), { recursive: true });
  const config = loadConfig({
    logLevel: 'warn',
    dataDir,
    databaseUrl: process.env.E2E_DATABASE_URL || null,
    port: 0,
  });
  const database = await openDatabase(config);
  await loadDemoIfEmpty(database);
  const app = await buildApp({ config, database });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const profile = mkdtempSync(path.join(os.tmpdir(), 'pumpurs-chromium-'));
  const browser = await resolveChromium();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: browser.executablePath,
    env: { ...process.env, ...browser.env },
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
    ],
    viewport: { width: 1280, height: 860 },
    locale: 'lv-LV',
    // The browser's clock in Latvian time, as its users' are: between 22:00 and 24:00 UTC the
    // machine's date is a day behind Latvia's, and a form's default date (the browser's today) then
    // disagreed with the server's today (the scheduling test failed in CI after 22:00 UTC).
    timezoneId: 'Europe/Riga',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    database,
    context,
    page,
    async close() {
      await context.close();
      await app.close();
      await database.close();
      rmSync(profile, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The last time step whose code each demo account typed in this process (codes are single-use). */
const usedSteps = new Map<string, number>();

/**
 * The demo account's current code by the server's clock (the app runs in this process). When this
 * step's code was already typed, the server's clock moves on 30 s to the next step.
 */
export async function demoCode(account: string): Promise<string> {
  const email = `${account}@demo.pumpurs.lv`;
  if (Math.floor(nowMs() / 30_000) <= (usedSteps.get(email) ?? -1)) advanceClock(30_000);
  usedSteps.set(email, Math.floor(nowMs() / 30_000));
  return totpCode(demoTotpSecret(email), nowMs());
}

/**
 * Signs in through the sign-in form; an account with a second factor types its code on the next
 * page (issue 16). Unless `stepUp: false`, the session is then stepped up far ahead in the database
 * (test-only), so tests of exports, reveals and grants meet no step-up dialog.
 */
export async function signIn(e2e: E2E, account: string, opts: { stepUp?: boolean } = {}): Promise<void> {
  const { page } = e2e;
  await page.goto(`${e2e.baseUrl}/login`);
  await page.getByLabel(/e-pasts|email/i).fill(`${account}@demo.pumpurs.lv`);
  await page.getByLabel(/parole|password/i).fill(DEMO_PASSWORD);
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/auth/login'));
  await page.getByRole('button', { name: /pieslēgties|sign in/i }).click();
  const login = await answer;
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  const { secondFactor } = (await login.json()) as { secondFactor?: string | null };
  if (secondFactor === 'required') {
    await page.getByLabel(/^kods|^code/i).fill(await demoCode(account));
    const verified = page.waitForResponse((r) => r.url().endsWith('/api/auth/second-factor/verify'));
    await page.getByRole('button', { name: /pierakstīties|sign in/i }).click();
    if ((await verified).status() !== 200) throw new Error(`second factor of ${account} refused`);
    await page.getByRole('heading', { name: /otrais faktors|second factor/i }).waitFor({ state: 'detached' });
  }
  if (opts.stepUp !== false) {
    const sid = (await e2e.context.cookies()).find((c) => c.name === SESSION_COOKIE)?.value;
    if (sid) await completeSecondFactorForTest(e2e.database, sid);
  }
}

/** Runs axe (WCAG 2.1 A/AA) on the current page and returns the violations, summarised. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Saves a screenshot under e2e/screenshots for people to look at. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
