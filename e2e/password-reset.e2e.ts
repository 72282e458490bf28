import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type E2E, screenshot, startE2E } from './harness.ts';

let e2e: E2E;
let mailDir: string;
const NEW_PASSWORD = 'Zilais-mākonis-virs-Daugavas-17';

beforeAll(async () => {
  // The app's file mailer writes here (MAIL_DIR is read when the app's configuration is loaded).
  mailDir = mkdtempSync(path.join(os.tmpdir(), 'pumpurs-e2e-mail-'));
  process.env.MAIL_DIR = mailDir;
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
  delete process.env.MAIL_DIR;
  rmSync(mailDir, { recursive: true, force: true });
});

/** The path and fragment of the link in the one reset e-mail (quoted-printable unfolded). */
async function linkFromMail(): Promise<string> {
  let link = '';
  await expect
    .poll(
      () => {
        const files = readdirSync(mailDir).filter((f) => f.endsWith('.eml'));
        const text = files.length ? readFileSync(path.join(mailDir, files[0]), 'utf8') : '';
        const body = text.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
        link = body.match(/\/reset-password#token=[A-Za-z0-9_-]{43}/)?.[0] ?? '';
        return link;
      },
      { timeout: 20_000 },
    )
    .not.toBe('');
  return link;
}

describe('password reset in the browser', () => {
  const visited: { name: string; violations: string[] }[] = [];

  it('asks for a link from the sign-in page and shows the same answer whatever the e-mail', async () => {
    const { page } = e2e;
    await page.goto(`${e2e.baseUrl}/login`);
    await page.getByRole('link', { name: 'Aizmirsi paroli?' }).click();
    await page.waitForURL(/\/forgot-password/);
    visited.push({ name: 'forgot-password', violations: await axeViolations(page) });
    await page.getByLabel(/e-pasts/i).fill('skolotajs.s1@demo.pumpurs.lv');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('status').allInnerTexts())
      .toContainEqual(expect.stringContaining('Ja šai e-pasta adresei ir aktīvs Pumpurs konts'));
    visited.push({ name: 'forgot-password-sent', violations: await axeViolations(page) });
    await screenshot(page, 'password-reset-requested');
  });

  it('opens the e-mailed link, refuses a mismatch, sets the new password and signs in with it', async () => {
    const { page } = e2e;
    const link = await linkFromMail();
    await page.goto(`${e2e.baseUrl}${link}`);
    await expect.poll(() => page.locator('h1').innerText()).toContain('Jaunas paroles iestatīšana');
    // The token leaves the address bar as soon as the page has read it.
    expect(new URL(page.url()).hash).toBe('');
    visited.push({ name: 'reset-password', violations: await axeViolations(page) });
    await page.getByLabel(/^Jaunā parole\s*\*?$/).fill(NEW_PASSWORD);
    await page.getByLabel(/vēlreiz/).fill(`${NEW_PASSWORD}x`);
    await page.getByRole('button', { name: 'Iestatīt paroli' }).click();
    await expect.poll(() => page.locator('main').innerText()).toContain('Paroles nesakrīt.');
    await page.getByLabel(/vēlreiz/).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Iestatīt paroli' }).click();
    await expect.poll(() => page.locator('main').innerText()).toContain('Jaunā parole ir iestatīta');
    visited.push({ name: 'reset-password-done', violations: await axeViolations(page) });
    await screenshot(page, 'password-reset-done');

    await page.getByRole('link', { name: 'Uz pieslēgšanos' }).click();
    await page.waitForURL(/\/login/);
    await page.getByLabel(/e-pasts/i).fill('skolotajs.s1@demo.pumpurs.lv');
    await page.getByLabel(/parole/i).fill(NEW_PASSWORD);
    await page.getByRole('button', { name: /pieslēgties/i }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
    const me = await page.evaluate(async () => (await (await fetch('/api/me')).json()).email);
    expect(me).toBe('skolotajs.s1@demo.pumpurs.lv');
  });

  it('refuses the same link a second time with a clear message', async () => {
    const { page } = e2e;
    const link = await linkFromMail();
    await page.goto(`${e2e.baseUrl}${link}`);
    await page.getByLabel(/^Jaunā parole\s*\*?$/).fill(`${NEW_PASSWORD}-2`);
    await page.getByLabel(/vēlreiz/).fill(`${NEW_PASSWORD}-2`);
    await page.getByRole('button', { name: 'Iestatīt paroli' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('saite ir nederīga');
    visited.push({ name: 'reset-password-used', violations: await axeViolations(page) });
    await screenshot(page, 'password-reset-used');
  });

  it('has no axe violations on any page visited', () => {
    expect(visited.length).toBeGreaterThanOrEqual(5);
    for (const v of visited) expect(v.violations, v.name).toEqual([]);
  });
});
