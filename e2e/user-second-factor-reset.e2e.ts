import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../server/demo/accounts.ts';
import { advanceClock } from '../server/platform/clock.ts';
import { queryRows } from '../server/platform/db.ts';
import { axeViolations, demoCode, type E2E, SCREENSHOT_DIR, signIn, startE2E } from './harness.ts';

/*
 * Issue 16, a lost authenticator: the municipal coordinator opens a school director's user page,
 * sees the second factor is on, resets it (a confirmation, then the code again, since the step-up
 * from sign-in has expired) and the director's next sign-in sets up a new authenticator.
 */
let e2e: E2E;
const visited: { name: string; violations: string[] }[] = [];

beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(async () => {
  await e2e?.close();
});

async function snap(name: string) {
  await e2e.page.screenshot({
    path: path.join(SCREENSHOT_DIR, `user-second-factor-reset-${name}.png`),
    fullPage: true,
  });
  visited.push({ name, violations: await axeViolations(e2e.page) });
}

describe('an administrator resets a user’s lost second factor', () => {
  it('resets the director’s factor from the user page after a confirmation and the code again', async () => {
    const { page } = e2e;
    const [director] = await e2e.database.read((db) =>
      queryRows<{ id: string }>(db, sql`SELECT id FROM users WHERE email = 'direktors.s1@demo.pumpurs.lv'`),
    );
    await signIn(e2e, 'koord.ziemelu', { stepUp: false });
    await page.goto(`${e2e.baseUrl}/users/${director?.id}`);
    const section = page.getByRole('region', { name: 'Otrais faktors' });
    await section.getByText('Otrais faktors: ieslēgts').waitFor();
    await snap('user-page');

    // The confirmation says what happens; Escape leaves it without a change.
    const reset = section.getByRole('button', { name: 'Atiestatīt otro faktoru' });
    await reset.click();
    const confirm = page.getByRole('dialog', { name: 'Atiestatīt otro faktoru?' });
    await confirm.getByText(/visas lietotāja atvērtās sesijas tiks beigtas/).waitFor();
    await snap('confirm');
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached' });

    // The code typed at sign-in stepped the session up for ten minutes: let them pass.
    advanceClock(11 * 60_000);
    await reset.focus();
    await page.keyboard.press('Enter');
    await confirm.getByRole('button', { name: 'Atiestatīt otro faktoru' }).click();
    const stepUp = page.getByRole('dialog', { name: 'Apstipriniet, ka tas esat jūs' });
    await stepUp.waitFor();
    await stepUp.getByLabel(/^kods/i).fill(await demoCode('koord.ziemelu'));
    await stepUp.getByRole('button', { name: 'Apstiprināt' }).click();
    await section.getByText('Otrais faktors atiestatīts, lietotāja sesijas beigtas.').waitFor();
    await section.getByText('Otrais faktors: izslēgts').waitFor();
    expect(await reset.count()).toBe(0);
    await snap('done');
  });

  it('makes the director set up a new authenticator at the next sign-in', async () => {
    const { page } = e2e;
    await e2e.context.clearCookies();
    await page.goto(`${e2e.baseUrl}/login`);
    await page.getByLabel(/e-pasts/i).fill('direktors.s1@demo.pumpurs.lv');
    await page.getByLabel(/parole/i).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /pieslēgties/i }).click();
    await page.getByRole('heading', { level: 1, name: 'Otrā faktora iestatīšana' }).waitFor();
    await snap('director-enrols');
  });

  it('passes axe on every page it visited', () => {
    expect(visited.filter((v) => v.violations.length > 0)).toEqual([]);
  });
});
