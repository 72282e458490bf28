import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type E2E, screenshot, signIn, startE2E } from './harness.ts';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

describe('sign-in, start page, language, sign-out', () => {
  const visited: { name: string; violations: string[] }[] = [];

  it('refuses a wrong password with a Latvian message', async () => {
    const { page } = e2e;
    await page.goto(`${e2e.baseUrl}/`);
    await page.waitForURL(/\/login/);
    await page.getByLabel(/e-pasts/i).fill('koord.s1@demo.pumpurs.lv');
    await page.getByLabel(/parole/i).fill('nepareiza-parole-1');
    await page.getByRole('button', { name: /pieslēgties/i }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('Nepareizs e-pasts vai parole');
    visited.push({ name: 'login', violations: await axeViolations(page) });
    await screenshot(page, 'sign-in-error');
  });

  it('signs koord.s1 in and shows the school’s start page in Latvian', async () => {
    const { page } = e2e;
    await signIn(e2e, 'koord.s1');
    await expect.poll(() => page.locator('h1').innerText()).toMatch(/Kristīne/);
    const main = await page.locator('main').innerText();
    expect(main).toContain('Ziemeļu novada 1. vidusskola');
    expect(main).toContain('Skolas koordinators');
    expect(await page.getAttribute('html', 'lang')).toBe('lv');
    visited.push({ name: 'start-lv', violations: await axeViolations(page) });
    await screenshot(page, 'start-lv');
  });

  it('visits users and audit log pages the coordinator may see', async () => {
    const { page } = e2e;
    await page.getByRole('link', { name: 'Lietotāji' }).click();
    await expect.poll(() => page.locator('main').innerText()).toContain('skolotajs.s1@demo.pumpurs.lv');
    expect(await page.locator('main').innerText()).not.toContain('koord.s2@demo.pumpurs.lv');
    visited.push({ name: 'users', violations: await axeViolations(page) });
    await page.getByRole('link', { name: 'Audita žurnāls' }).click();
    await expect.poll(() => page.locator('main').innerText()).toContain('Pieslēgšanās');
    visited.push({ name: 'audit', violations: await axeViolations(page) });
    await screenshot(page, 'audit-lv');
    await page.getByRole('link', { name: 'Sākums' }).click();
    await page.waitForURL((url) => url.pathname === '/');
  });

  it('switches to English and keeps it after a reload', async () => {
    const { page } = e2e;
    await page
      .getByLabel(/valoda/i)
      .getByText('EN')
      .filter({ visible: true })
      .click();
    await expect.poll(() => page.getByRole('button', { name: 'Sign out' }).count()).toBe(1);
    await page.reload();
    await expect.poll(() => page.locator('main').innerText()).toContain('School coordinator');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    visited.push({ name: 'start-en', violations: await axeViolations(page) });
    await screenshot(page, 'start-en');
  });

  it('signs out, ends the session on the server and returns to the sign-in page', async () => {
    const { page } = e2e;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login/);
    const me = await page.evaluate(async () => (await fetch('/api/me')).status);
    expect(me).toBe(401);
    visited.push({ name: 'login-after-sign-out', violations: await axeViolations(page) });
  });

  it('has no axe violations on any page visited', () => {
    expect(visited.length).toBeGreaterThanOrEqual(5);
    for (const v of visited) expect(v.violations, v.name).toEqual([]);
  });
});
