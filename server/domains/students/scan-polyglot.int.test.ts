import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../../../common/personal-code.ts';
import { moveClockIntoSemester, resetClock } from '../../../test/calendar.ts';
import { minimalPdf, ONE_PIXEL_JPEG, ONE_PIXEL_PNG, pngDeclaring } from '../../../test/scan-samples.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';
import { addDays } from '../../platform/dates.ts';

let server: TestServer;
let koordS1: TestClient;
let scanUrl: string;

beforeAll(async () => {
  server = await createTestServer();
  const cal = await moveClockIntoSemester(server.database);
  const admin = await server.signIn('admin');
  koordS1 = await server.signIn('koord.s1');
  const orgs = (await admin.get('/api/organisations')).json().items as { id: string; code: string }[];
  const student = await koordS1.post('/api/students', {
    personalCode: makeOldPersonalCode('2013-04-02', 78),
    firstName: 'Rūta',
    lastName: 'Kalna',
    schoolId: orgs.find((o) => o.code === 'ZIEM-S1')!.id,
    classLabel: '7.b',
    grade: 7,
  });
  const studentId = student.json().id;
  const g = await koordS1.post(`/api/students/${studentId}/guardians`, {
    firstName: 'Anna',
    lastName: 'Kalna',
    relation: 'mother',
  });
  const a = await koordS1.post(`/api/students/${studentId}/applications`, {
    signedOn: addDays(cal.current.startsOn, 4),
    signerType: 'guardian',
    guardianId: g.json().guardians[0].id,
  });
  expect(a.statusCode).toBe(201);
  scanUrl = `/api/students/${studentId}/applications/${a.json().applications[0].id}/scan`;
});
afterAll(() => {
  resetClock();
  return server.close();
});

const put = (content: Buffer, type: string, name = 'iesniegums.pdf') =>
  koordS1.request('PUT', `${scanUrl}?fileName=${encodeURIComponent(name)}`, content, {
    headers: { 'content-type': type },
  });

const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.alloc(64, 1),
]);

describe('application and receipt scans', () => {
  it.each([
    [
      'a PDF that is also an HTML page',
      '%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF\n',
      'application/pdf',
    ],
    [
      'a PDF with a script tag after its header',
      `%PDF-1.7\n${'1 0 obj <<>> endobj\n'.repeat(50)}<SCRIPT src=//x.example/a.js></SCRIPT>`,
      'application/pdf',
    ],
    ['a PNG carrying an HTML document', `${png.toString('latin1')}<!DOCTYPE html><html>`, 'image/png'],
    ['a PNG declared as a PDF', png.toString('latin1'), 'application/pdf'],
  ])('refuses %s with 415', async (_what, content, type) => {
    const res = await put(Buffer.from(content, 'latin1'), type);
    expect(res.statusCode).toBe(415);
    expect(res.json().error.message).toBeTruthy();
  });

  it('stores a clean PDF and serves it only as a download the browser must not sniff', async () => {
    const pdf = minimalPdf();
    expect((await put(pdf, 'application/pdf')).statusCode).toBe(200);
    const get = await koordS1.get(scanUrl);
    expect(get.statusCode).toBe(200);
    expect(get.headers['content-type']).toBe('application/pdf');
    expect(String(get.headers['content-disposition'])).toMatch(/^attachment;/);
    expect(get.headers['x-content-type-options']).toBe('nosniff');
    expect(String(get.headers['content-security-policy'])).toContain('sandbox');
    expect(get.rawPayload.equals(pdf)).toBe(true);
  });

  it.each([
    [
      'a JPEG that is only its header',
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]),
      'image/jpeg',
      'file_damaged',
    ],
    ['"%PDF-" and then anything', Buffer.from('%PDF-1.4\nanything'), 'application/pdf', 'file_damaged'],
    ['a PNG cut short', ONE_PIXEL_PNG.subarray(0, 40), 'image/png', 'file_damaged'],
    [
      'a PNG of 100,000 × 100,000 pixels',
      pngDeclaring(100_000, 100_000),
      'image/png',
      'file_image_too_large',
    ],
    [
      'a PDF that runs JavaScript when opened',
      minimalPdf('', '/OpenAction << /S /JavaScript /JS (app.alert(1)) >>'),
      'application/pdf',
      'file_active_content',
    ],
  ])('refuses %s with 415 and its reason, keeping the scan it had', async (_what, content, type, code) => {
    const res = await put(content, type);
    expect(res.statusCode).toBe(415);
    expect(res.json().error.code).toBe(code);
    expect(res.json().error.message).not.toBe(code);
    expect((await koordS1.get(scanUrl)).rawPayload.equals(minimalPdf())).toBe(true);
  });

  it('stores a whole JPEG and a whole PNG', async () => {
    for (const [content, type] of [
      [ONE_PIXEL_JPEG, 'image/jpeg'],
      [ONE_PIXEL_PNG, 'image/png'],
    ] as const) {
      expect((await put(content, type, 'skenejums')).statusCode).toBe(200);
      expect((await koordS1.get(scanUrl)).rawPayload.equals(content)).toBe(true);
    }
  });
});
