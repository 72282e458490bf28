import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceClock } from '../server/platform/clock.ts';
import { addDays } from '../server/platform/dates.ts';
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

const visited: { name: string; violations: string[] }[] = [];
/** Scans the page at 1366 and at 360 px wide, with a screenshot of each. */
async function scanBoth(page: Page, name: string) {
  for (const width of [1366, 360]) {
    await page.setViewportSize({ width, height: 900 });
    await screenshot(page, `referrals-${name}-${width}`);
    visited.push({ name: `${name}@${width}`, violations: await axeViolations(page) });
  }
  await page.setViewportSize({ width: 1366, height: 900 });
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Iziet' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/login'));
}

const REASON = 'Ģimenē ir materiālas grūtības; lūdzam izvērtēt sociālā atbalsta vajadzību.';
const RESPONSE = 'Ģimene apmeklēta, piešķirts trūcīgas ģimenes statuss un pabalsts.';
let studentId = '';
let studentName = '';
let referralCode = '';
const OVERDUE = () =>
  `Nosūtījumam ${referralCode} (Ziemeļu novada Sociālais dienests) nokavēts atbildes termiņš`;

describe('referral to the social service', () => {
  it('a coordinator refers a student choosing two data items and sees the preview first', async () => {
    const { page } = e2e;
    await signIn(e2e, 'koord.s1');
    const res = await page.request.get(`${e2e.baseUrl}/api/plans?status=in_progress`);
    const plan = ((await res.json()) as { items: { studentId: string; studentName: string }[] }).items[0];
    studentId = plan.studentId;
    studentName = plan.studentName;
    await page.goto(`${e2e.baseUrl}/students/${studentId}?tab=referrals`);
    await page.getByRole('heading', { name: 'Jauns nosūtījums' }).waitFor();
    await page.getByText('Skolēnam vēl nav neviena nosūtījuma.').waitFor();
    await page.getByRole('combobox', { name: 'Partneriestāde' }).click();
    await page
      .getByRole('option', { name: 'Ziemeļu novada Sociālais dienests (Sociālais dienests)' })
      .click();
    await page.getByRole('textbox', { name: 'Nosūtījuma iemesls' }).fill(REASON);
    await page.getByRole('checkbox', { name: 'Vārds, uzvārds' }).check();
    await page.getByRole('checkbox', { name: 'Skola un klase' }).check();
    // Sending before the preview is refused with a hint to look first.
    const due = addDays(cal.today, 14);
    const box = page.getByRole('textbox', { name: 'Atbildes termiņš' });
    await box.fill(`${due.slice(8, 10)}.${due.slice(5, 7)}.${due.slice(0, 4)}`);
    await box.press('Tab');
    await page.getByRole('button', { name: 'Nosūtīt', exact: true }).click();
    await page.getByText('Pirms nosūtīšanas apskatiet, ko partneris redzēs').waitFor();
    await page.getByRole('button', { name: 'Priekšskatīt' }).click();
    const preview = page.getByRole('table', { name: 'Tieši šo partneris redzēs' });
    await preview.waitFor();
    expect(await preview.getByRole('row').count()).toBe(2);
    expect(await preview.textContent()).toContain(studentName.split(' ')[0]);
    await scanBoth(page, 'student-form');
    await page.getByRole('button', { name: 'Nosūtīt', exact: true }).click();
    const sent = page.getByText(/Nosūtījums NS-\d{4}-[0-9A-F]{6} nosūtīts\./);
    await sent.waitFor();
    referralCode = /NS-\d{4}-[0-9A-F]{6}/.exec((await sent.textContent()) ?? '')?.[0] ?? '';
    const card = page.getByRole('article').filter({ hasText: 'Ziemeļu novada Sociālais dienests' });
    await card.getByText('Nosūtīts', { exact: true }).waitFor();
    expect(await card.textContent()).toContain('Nodotie dati: Vārds, uzvārds, Skola un klase');
    await signOut(page);
  });

  it('past the response deadline the referral is a task for the coordinator who sent it', async () => {
    const { page } = e2e;
    // Fifteen days on: the deadline (14 days after sending) has passed without an answer.
    advanceClock(15 * 86_400_000);
    await signIn(e2e, 'koord.s1');
    await page.goto(`${e2e.baseUrl}/tasks`);
    await page.getByRole('heading', { name: 'Mani uzdevumi', level: 1 }).waitFor();
    await page.getByRole('list', { name: 'Uzdevumi' }).getByText(OVERDUE()).waitFor();
    await scanBoth(page, 'task-overdue');
    await signOut(page);
  });

  it('the social service sees only that referral with only those items, marks it received and answers it', async () => {
    const { page } = e2e;
    await signIn(e2e, 'socdienests.ziemelu');
    const inbox = page.getByRole('region', { name: 'Iestādei adresētie nosūtījumi' });
    await inbox.waitFor();
    const links = inbox.getByRole('link', { name: /^NS-/ });
    await expect.poll(() => links.count()).toBe(1);
    await scanBoth(page, 'partner-home');
    await page.getByRole('link', { name: 'Nosūtījumi', exact: true }).first().click();
    await page.getByRole('heading', { name: 'Iestādei adresētie nosūtījumi', level: 1 }).waitFor();
    expect(await page.getByRole('row').count()).toBe(2); // the header and one referral
    await scanBoth(page, 'partner-list');
    await page.getByRole('row').nth(1).getByRole('link').click();
    await page.getByRole('heading', { name: /^Nosūtījums NS-/, level: 1 }).waitFor();
    const data = page.getByRole('table', { name: 'Dati, ko skola nodevusi iestādei' });
    await data.waitFor();
    const headers = await data.getByRole('rowheader').allTextContents();
    expect(headers).toEqual(['Vārds, uzvārds', 'Skola un klase']);
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain(studentName.split(' ')[0]);
    expect(text).not.toContain('Personas kods');
    expect(text).not.toContain('Likumisko pārstāvju');
    expect(text).toContain(REASON);
    await page.getByRole('button', { name: 'Atzīmēt kā saņemtu' }).click();
    await page.getByText('Nosūtījums atzīmēts kā saņemts.').waitFor();
    await page.getByRole('textbox', { name: 'Partnera atbilde' }).fill(RESPONSE);
    await page.getByRole('button', { name: 'Nosūtīt atbildi' }).click();
    await page.getByText('Atbilde nosūtīta skolai.').waitFor();
    await scanBoth(page, 'partner-referral');
    await signOut(page);
  });

  it('the coordinator sees the answer on the student page and closes the referral', async () => {
    const { page } = e2e;
    await signIn(e2e, 'koord.s1');
    await page.goto(`${e2e.baseUrl}/students/${studentId}?tab=referrals`);
    const card = page.getByRole('article').filter({ hasText: 'Ziemeļu novada Sociālais dienests' });
    await card.getByText(RESPONSE).waitFor();
    await card.getByText('Atbildēts', { exact: true }).waitFor();
    await scanBoth(page, 'student-answered');
    await card.getByRole('button', { name: 'Slēgt nosūtījumu' }).click();
    await page.getByText('Nosūtījums slēgts.').waitFor();
    await card.getByText('Slēgts', { exact: true }).waitFor();
    // The student's chronology has the answer too (the referrals' source, wired in server/wiring.ts).
    await page.getByRole('tab', { name: 'Hronoloģija' }).click();
    await page
      .getByText('Iestāde Ziemeļu novada Sociālais dienests atbildēja uz nosūtījumu')
      .first()
      .waitFor();
    await page.getByText(RESPONSE).first().waitFor();
    // The answer closed the overdue task by itself: it is among the done tasks, no longer open.
    await page.goto(`${e2e.baseUrl}/tasks`);
    await page.getByRole('heading', { name: 'Mani uzdevumi', level: 1 }).waitFor();
    // The open list has loaded (the demo's legal-duty tasks are in it) and the referral is not there.
    const open = page.getByRole('list', { name: 'Uzdevumi' });
    await open
      .getByText(/^Informēt pašvaldību par/)
      .first()
      .waitFor();
    expect(await open.getByText(OVERDUE()).count()).toBe(0);
    await page.goto(`${e2e.baseUrl}/tasks?status=done`);
    await page.getByText(OVERDUE()).waitFor();
  });

  it('every page visited passes axe at 1366 and 360 px', () => {
    expect(visited.length).toBe(12);
    expect(visited.filter((v) => v.violations.length > 0)).toEqual([]);
  });
});
