import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, type E2E, screenshot, signIn, startE2E } from './harness.ts';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1366, height: 860 };

/** One demo account for each role. */
const ROLES = [
  ['national_admin', 'admin'],
  ['expert', 'eksperts'],
  ['municipal_coordinator', 'koord.ziemelu'],
  ['school_director', 'direktors.s1'],
  ['school_coordinator', 'koord.s1'],
  ['teacher', 'skolotajs.s1'],
  ['specialist', 'psihologs.s1'],
  ['partner', 'socdienests.ziemelu'],
  ['auditor', 'auditors'],
] as const;

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Iziet' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/login'));
}

/** The sections of the main navigation, read at desktop width where the menu is always shown. */
async function navTargets(page: Page): Promise<string[]> {
  await page.setViewportSize(DESKTOP);
  await page.goto(`${e2e.baseUrl}/`);
  const nav = page.locator('#main-navigation');
  await nav.getByRole('link').first().waitFor();
  return nav
    .getByRole('link')
    .evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
}

/** Elements that stick out past the right edge of the window (what makes the page scroll sideways). */
function overflow(page: Page): Promise<{ page: number; window: number; offenders: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const offenders: string[] = [];
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const box = el.getBoundingClientRect();
      // Content inside a scrolling table box may be wider: only the box itself counts.
      if (box.right > width + 1 && !el.closest('.table-scroll > *') && box.width > 0)
        offenders.push(
          `${el.tagName.toLowerCase()}.${String(el.className).slice(0, 40)} ${Math.round(box.right)}`,
        );
    }
    return { page: document.documentElement.scrollWidth, window: width, offenders: offenders.slice(0, 5) };
  });
}

async function settle(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForLoadState('networkidle');
  await expect.poll(() => page.getByText('Ielādē…').count()).toBe(0);
}

/** Pages already scanned with axe at a width (path @width), across roles. */
const scanned = new Set<string>();

describe('every role on a phone (360 px) and a laptop (1366 px): no sideways page, "Iziet" visible, axe clean', () => {
  for (const [role, account] of ROLES) {
    it(`${role}: the main pages fit`, async () => {
      const { page } = e2e;
      await e2e.context.clearCookies();
      await page.setViewportSize(DESKTOP);
      await signIn(e2e, account);
      const targets = await navTargets(page);
      expect(targets.length, role).toBeGreaterThan(0);
      const problems: string[] = [];
      for (const size of [PHONE, DESKTOP]) {
        await page.setViewportSize(size);
        for (const target of targets) {
          await page.goto(`${e2e.baseUrl}${target}`);
          await settle(page);
          const where = `${role} ${target} @${size.width}`;
          const o = await overflow(page);
          if (o.page > o.window)
            problems.push(`${where}: page ${o.page} > ${o.window} (${o.offenders.join('; ')})`);
          const signOutButton = page.getByRole('button', { name: 'Iziet' });
          const box = await signOutButton.boundingBox();
          if (!box || box.x < 0 || box.x + box.width > size.width || !(await signOutButton.isVisible()))
            problems.push(`${where}: "Iziet" not fully visible`);
          // axe once per page and width: another role's visit to the same path shows the same
          // components (the start page differs by role, so it is scanned for every role).
          const scanKey = `${target} @${size.width}`;
          if (target === '/' || !scanned.has(scanKey)) {
            scanned.add(scanKey);
            for (const v of await axeViolations(page)) problems.push(`${where}: axe ${v}`);
          }
          if (target === targets[targets.length - 1] && size === PHONE)
            await screenshot(page, `phone-${role}`);
        }
      }
      expect(problems).toEqual([]);
      await page.setViewportSize(DESKTOP);
      await signOut(page);
    }, 600_000);
  }

  it('on a phone the language switch is in the menu, and a wide table scrolls with the keyboard', async () => {
    const { page } = e2e;
    await e2e.context.clearCookies();
    await page.setViewportSize(DESKTOP);
    await signIn(e2e, 'koord.s1');
    await page.setViewportSize(PHONE);
    await page.goto(`${e2e.baseUrl}/students`);
    await settle(page);
    expect(await page.getByRole('banner').getByRole('radiogroup', { name: 'Valoda' }).isVisible()).toBe(
      false,
    );
    await page.getByRole('button', { name: 'Rādīt vai slēpt navigāciju' }).click();
    await expect.poll(() => page.locator('#main-navigation').getByText('EN').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Rādīt vai slēpt navigāciju' }).click();

    const region = page.getByRole('region', { name: 'Skolēnu saraksts' });
    await region.waitFor();
    expect(await region.getAttribute('tabindex')).toBe('0');
    expect(await region.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await region.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await screenshot(page, 'phone-students-table');
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize(DESKTOP);
    expect(await axeViolations(page)).toEqual([]);
    await signOut(page);
  });
});
