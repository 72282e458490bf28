import { crc32, deflateRawSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOldPersonalCode } from '../../../common/personal-code.ts';
import { moveClockIntoSemester, resetClock } from '../../../test/calendar.ts';
import { createPlanFixture, organisationIdsByCode } from '../../../test/factories.ts';
import { zipOf } from '../../../test/hostile-files.ts';
import { minimalPdf } from '../../../test/scan-samples.ts';
import { createTestServer, type TestClient, type TestServer } from '../../../test/server.ts';

let server: TestServer;
const c: Record<string, TestClient> = {};
let planId: string;
let url: string;

beforeAll(async () => {
  server = await createTestServer();
  const cal = await moveClockIntoSemester(server.database);
  for (const who of ['koord.s1', 'direktors.s1', 'koord.ziemelu', 'eksperts', 'skolotajs.s1', 'koord.s5'])
    c[who] = await server.signIn(who);
  const orgs = await organisationIdsByCode(c['koord.s1']);
  const plan = await createPlanFixture(c, {
    schoolId: orgs['ZIEM-S1'],
    semesterId: cal.current.id,
    personalCode: makeOldPersonalCode('2012-05-06', 417),
    firstName: 'Parakstīta',
    lastName: 'Plānotāja',
    classLabel: '8.a',
    grade: 8,
    riskCode: 'L02',
    riskJustification: 'Grūtības',
    goal: 'Mērķis',
    measure: {
      kind: 'consultation',
      consultationType: 'subject',
      subject: 'Matemātika',
      plannedHours: 4,
      justification: 'Konsultācijas',
    },
    start: true,
  });
  planId = plan.planId;
  url = `/api/plans/${planId}/signed-files`;
});
afterAll(() => {
  resetClock();
  return server.close();
});

const upload = (who: string, content: Buffer, type: string, name = 'plans-parakstits.pdf') =>
  c[who].request('POST', `${url}?fileName=${encodeURIComponent(name)}`, content, {
    headers: { 'content-type': type },
  });

const ASICE = 'application/vnd.etsi.asic-e+zip';
function part(name: string, text: string | Buffer) {
  const raw = Buffer.isBuffer(text) ? text : Buffer.from(text);
  return { name, data: deflateRawSync(raw), size: raw.length, crc: crc32(raw) };
}
/** An ASiC-E container as eParaksts writes one: mimetype first, the document, manifest, signatures. */
function asice(mimetype = ASICE, withSignature = true): Buffer {
  return zipOf([
    part('mimetype', mimetype),
    part('plans.pdf', minimalPdf()),
    part(
      'META-INF/manifest.xml',
      '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
    ),
    ...(withSignature
      ? [
          part(
            'META-INF/signatures0.xml',
            '<?xml version="1.0"?><asic:XAdESSignatures xmlns:asic="http://uri.etsi.org/02918/v1.2.1#"/>',
          ),
        ]
      : []),
  ]);
}
const pdf = minimalPdf();

async function auditActions(requestId: string) {
  const res = (await server.database.read((tx) =>
    tx.execute(sql`SELECT action, outcome FROM audit_events WHERE request_id = ${requestId}`),
  )) as { rows: { action: string; outcome: string }[] };
  return res.rows.map((r) => `${r.action}:${r.outcome}`);
}

describe('signed plan uploads', () => {
  it('files a scanned PDF, lists it with the uploader and time, and serves it as a download (audited)', async () => {
    const empty = await c['koord.s1'].get(url);
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json()).toEqual({ items: [], canUpload: true });
    const res = await upload('koord.s1', pdf, 'application/pdf');
    expect(res.statusCode, res.body).toBe(201);
    const [item] = res.json().items;
    expect(item).toMatchObject({
      fileName: 'plans-parakstits.pdf',
      kind: 'scan',
      contentType: 'application/pdf',
    });
    expect(item.uploadedByName).toBeTruthy();
    expect(Number.isNaN(Date.parse(item.uploadedAt))).toBe(false);
    expect(await auditActions(String(res.headers['x-request-id']))).toContain('plan.signed_file.upload:ok');
    const got = await c['koord.s1'].get(`${url}/${item.id}`);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(pdf)).toBe(true);
    expect(String(got.headers['content-disposition'])).toMatch(/^attachment;/);
    expect(got.headers['x-content-type-options']).toBe('nosniff');
    expect(await auditActions(String(got.headers['x-request-id']))).toContain('plan.signed_file.read:ok');
    // The approvers of the plan see it; they do not file it.
    const seen = (await c['koord.ziemelu'].get(url)).json();
    expect(seen.items).toHaveLength(1);
    expect(seen.canUpload).toBe(false);
  });

  it.each([
    [
      'a PDF that is also an HTML page',
      '%PDF-1.4\n<html><body><script>alert(1)</script></body></html>',
      'application/pdf',
    ],
    ['a PNG declared as a PDF', '\x89PNG\r\n\x1a\n0000000000000000', 'application/pdf'],
    ['a PDF declared as a container', '%PDF-1.4\n%%EOF\n', ASICE],
  ])('refuses %s with 415', async (_what, content, type) => {
    const res = await upload('koord.s1', Buffer.from(content, 'latin1'), type);
    expect(res.statusCode, res.body).toBe(415);
    expect(res.json().error.message).toBeTruthy();
  });

  it('files an eParaksts container (.asice) as uploaded', async () => {
    const bytes = asice();
    const res = await upload('direktors.s1', bytes, ASICE, 'plāns.asice');
    expect(res.statusCode, res.body).toBe(201);
    const item = res.json().items.find((i: { kind: string }) => i.kind === 'container');
    expect(item).toMatchObject({ fileName: 'plāns.asice', contentType: ASICE });
    const got = await c['koord.s1'].get(`${url}/${item.id}`);
    expect(got.headers['content-type']).toBe(ASICE);
    expect(got.rawPayload.equals(bytes)).toBe(true);
  });

  it('refuses containers with another mimetype, without a signature, or not a ZIP (415)', async () => {
    for (const bytes of [
      asice('application/zip'),
      asice(ASICE, false),
      Buffer.from('PK\x03\x04broken', 'latin1'),
    ]) {
      const res = await upload('koord.s1', bytes, ASICE, 'x.edoc');
      expect(res.statusCode, res.body).toBe(415);
      expect(res.json().error.code).toBe('signed_container_invalid');
    }
  });

  it('refuses a zip bomb and a container of too many entries with 413', async () => {
    const bomb = zipOf([
      part('mimetype', ASICE),
      { name: 'plans.pdf', data: deflateRawSync(Buffer.alloc(64 * 1024)), size: 2_000_000_000, crc: 0 },
      part('META-INF/signatures0.xml', '<x/>'),
    ]);
    const res = await upload('koord.s1', bomb, ASICE, 'bumba.asice');
    expect(res.statusCode, res.body).toBe(413);
    const many = zipOf([
      part('mimetype', ASICE),
      ...Array.from({ length: 300 }, (_, i) => part(`f${i}.txt`, 'x')),
      part('META-INF/signatures0.xml', '<x/>'),
    ]);
    expect((await upload('koord.s1', many, ASICE, 'daudz.asice')).statusCode).toBe(413);
  });

  it('answers 404 to another school and 403 to a teacher; neither files anything', async () => {
    const before = (await c['koord.s1'].get(url)).json().items.length;
    expect((await c['koord.s5'].get(url)).statusCode).toBe(404);
    const other = await upload('koord.s5', minimalPdf('s5'), 'application/pdf');
    expect(other.statusCode).toBe(404);
    const listed = (await c['koord.s1'].get(url)).json().items[0].id;
    expect((await c['koord.s5'].get(`${url}/${listed}`)).statusCode).toBe(404);
    const teacher = await upload('skolotajs.s1', minimalPdf('t'), 'application/pdf');
    expect([403, 404]).toContain(teacher.statusCode);
    expect((await c['koord.s1'].get(url)).json().items).toHaveLength(before);
    // A file id of this plan under another plan's path finds nothing.
    expect(
      (await c['koord.s1'].get(`/api/plans/${crypto.randomUUID()}/signed-files/${listed}`)).statusCode,
    ).toBe(404);
  });

  it('files the same file once when it is sent twice at once (the second is 409)', async () => {
    const bytes = minimalPdf('twice');
    const before = (await c['koord.s1'].get(url)).json().items.length;
    const answers = await Promise.all([
      upload('koord.s1', bytes, 'application/pdf', 'divreiz.pdf'),
      upload('koord.s1', bytes, 'application/pdf', 'divreiz.pdf'),
    ]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.statusCode === 409)?.json().error.code).toBe('signed_file_duplicate');
    expect((await c['koord.s1'].get(url)).json().items).toHaveLength(before + 1);
  });
});
