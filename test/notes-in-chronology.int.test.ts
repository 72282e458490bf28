import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChronologyEntry } from '../common/api/chronology.ts';
import { queryRows } from '../server/platform/db.ts';
import { pdfText } from './pdf.ts';
import { createTestServer, type TestClient, type TestServer } from './server.ts';

// The demo's notes at school 1 (server/demo/notes.ts) through the app as wired (server/wiring.ts):
// the chronology's note entries keep the notes' own visibility, in the JSON and in the PDF.
const SPECIALISTS_TEXT = 'Saruna par attiecībām klasē';
const AUTHOR_TEXT = 'Mātei ieteicu vērsties sociālajā dienestā';
const TEAM_TEXT = 'Stundās bieži nogurusi';

let server: TestServer;
let psychologist: TestClient;
let teacher: TestClient;
let coordinator: TestClient;
let studentId: string;

beforeAll(async () => {
  server = await createTestServer();
  psychologist = await server.signIn('psihologs.s1');
  teacher = await server.signIn('skolotajs.s1');
  coordinator = await server.signIn('koord.s1');
  const mine = (await psychologist.get('/api/notes/mine')).json() as {
    items: { studentId: string; visibility: string }[];
  };
  const restricted = mine.items.find((n) => n.visibility === 'specialists');
  if (!restricted) throw new Error('the demo has no specialists-only note');
  studentId = restricted.studentId;
});
afterAll(() => server.close());

async function noteEntries(client: TestClient): Promise<ChronologyEntry[]> {
  const res = await client.get(`/api/students/${studentId}/chronology?types=note`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { items: ChronologyEntry[] }).items;
}

async function pdfOf(client: TestClient): Promise<string> {
  const res = await client.get(`/api/students/${studentId}/chronology.pdf?types=note&language=lv`);
  expect(res.statusCode).toBe(200);
  return (await pdfText(res.rawPayload)).replace(/\s+/g, ' ');
}

const texts = (entries: ChronologyEntry[]) => entries.map((e) => e.text).join(' | ');

describe('notes in a student’s chronology, as wired in the app', () => {
  it('shows the teacher that the specialists-only and author-only notes exist, without their text, in the JSON and the PDF', async () => {
    const entries = await noteEntries(teacher);
    expect(entries).toHaveLength(3);
    expect(entries.filter((e) => e.text === null)).toHaveLength(2);
    expect(texts(entries)).toContain(TEAM_TEXT);
    expect(texts(entries)).not.toContain(SPECIALISTS_TEXT);
    const pdf = await pdfOf(teacher);
    expect(pdf).toContain('Stundās bieži');
    expect(pdf).not.toContain('Saruna par');
    expect(pdf).not.toContain('Mātei ieteicu');
  });

  it('gives the psychologist the specialists-only text and their own author-only text, and audits those reads', async () => {
    const entries = await noteEntries(psychologist);
    expect(texts(entries)).toContain(SPECIALISTS_TEXT);
    expect(texts(entries)).toContain(AUTHOR_TEXT);
    const pdf = await pdfOf(psychologist);
    expect(pdf).toContain('Saruna par attiecībām');
    const [row] = await server.database.read((db) =>
      queryRows<{ n: number }>(
        db,
        sql`select count(*)::int as n from audit_events where action = 'note.chronology_restricted'`,
      ),
    );
    // Two restricted notes, read twice (the JSON and the PDF).
    expect(row?.n).toBeGreaterThanOrEqual(4);
  });

  it('keeps the author-only note from the school coordinator', async () => {
    const entries = await noteEntries(coordinator);
    expect(texts(entries)).toContain(TEAM_TEXT);
    expect(texts(entries)).not.toContain(AUTHOR_TEXT);
    expect(texts(entries)).not.toContain(SPECIALISTS_TEXT);
    expect(await pdfOf(coordinator)).not.toContain('Mātei ieteicu');
  });
});
