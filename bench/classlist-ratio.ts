import { createReadStream, createWriteStream, statSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { makeNewPersonalCode } from '../common/personal-code.ts';
import { DEMO_PASSWORD } from '../server/demo/accounts.ts';
import { copyFile, peakMb, withImportServer } from './import-bench-lib.ts';
import { signInHttp } from './lib.ts';

/**
 * `node --import tsx bench/classlist-ratio.ts [--students 50000] [--heap-mb 256]`: the class-list
 * import (HTTP through the app on PostgreSQL: upload streamed to disk, preview, commit — each
 * streaming the file, checking its rows, COPY into staging and comparing in SQL; the commit inserts
 * the students with one audit row each) of a list of new students against `COPY` of the same file
 * into a table made `LIKE students INCLUDING ALL` (the students table's indexes) and into a
 * heap-only one. Prints the ratios (COPY time ÷ import time). BENCH_DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/test) names the server; a fresh database
 * `pumpurs_cl_bench_*` is made and dropped.
 */
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const STUDENTS = arg('students', 50_000);
const HEAP_MB = arg('heap-mb', 256);
const FIRST = ['Anna', 'Jānis', 'Līga', 'Roberts', 'Ērika', 'Oskars', 'Ilze', 'Kārlis'];
const LAST = ['Bērziņš', 'Kalniņa', 'Ozols', 'Liepa', 'Krūmiņš', 'Zariņa', 'Jansons', 'Ābele'];

/** Writes a class list of `n` students with new-form personal codes (the app's column names). */
async function writeClassList(file: string, n: number): Promise<void> {
  async function* lines() {
    yield 'Personas kods;Vārds;Uzvārds;Klase\n';
    const used = new Set<string>();
    let chunk = '';
    for (let seq = 91_000_000, i = 0; i < n; seq++) {
      const code = makeNewPersonalCode(seq);
      if (used.has(code)) continue;
      used.add(code);
      chunk += `${code.slice(0, 6)}-${code.slice(6)};${FIRST[i % 8]};${LAST[(i >> 3) % 8]}${i % 101};${1 + (i % 12)}.${'abc'[i % 3]}\n`;
      i++;
      if (chunk.length > 64 * 1024) {
        yield chunk;
        chunk = '';
      }
    }
    yield chunk;
  }
  await pipeline(Readable.from(lines()), createWriteStream(file));
}

/** COPY of the file into a heap-only table of its columns, then into a copy of `students` with all its indexes. */
async function benchCopy(url: string, file: string, schoolId: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      'CREATE TABLE copy_heap (personal_code text, first_name text, last_name text, class_label text)',
    );
    await client.query('CREATE TABLE copy_students (LIKE students INCLUDING ALL)');
    await client.query(`ALTER TABLE copy_students ALTER school_id SET DEFAULT '${schoolId}'`);
    const cols = '(personal_code, first_name, last_name, class_label)';
    const heap = await copyFile(client, `copy_heap ${cols}`, file);
    const indexed = await copyFile(client, `copy_students ${cols}`, file);
    const [{ n }] = (
      await client.query(`select count(*)::int as n from pg_indexes where tablename = 'copy_students'`)
    ).rows as { n: number }[];
    await client.query('DROP TABLE copy_heap, copy_students');
    return { heap, indexed, indexes: n };
  } finally {
    await client.end();
  }
}

type Session = { cookie: string; csrf: string };

async function call(
  base: string,
  session: Session,
  method: string,
  url: string,
  body: BodyInit,
  type: string,
) {
  const res = await fetch(`${base}${url}`, {
    method,
    headers: { 'content-type': type, cookie: session.cookie, 'x-csrf-token': session.csrf },
    body,
    duplex: 'half',
  } as RequestInit);
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${url} failed: ${res.status} ${text.slice(0, 500)}`);
  return JSON.parse(text);
}

/** Upload, preview and commit over HTTP; answers each step's time and the commit's counts. */
async function importList(base: string, session: Session, schoolId: string, file: string) {
  const t0 = performance.now();
  const up = await call(
    base,
    session,
    'POST',
    `/api/imports/students?schoolId=${schoolId}&fileName=saraksts.csv`,
    Readable.toWeb(createReadStream(file)) as ReadableStream,
    'text/csv',
  );
  const t1 = performance.now();
  const choice = JSON.stringify({ mapping: up.mapping, excludedRows: [] });
  const preview = await call(
    base,
    session,
    'POST',
    `/api/imports/${up.importId}/preview`,
    choice,
    'application/json',
  );
  const t2 = performance.now();
  const result = await call(
    base,
    session,
    'POST',
    `/api/imports/${up.importId}/commit`,
    choice,
    'application/json',
  );
  const t3 = performance.now();
  return {
    upload: t1 - t0,
    preview: t2 - t1,
    commit: t3 - t2,
    total: t3 - t0,
    counts: preview.counts,
    result,
  };
}

async function main() {
  await withImportServer(PG_URL, 'pumpurs_cl_bench', HEAP_MB, async ({ url, dir, port, server }) => {
    const file = path.join(dir, 'saraksts.csv');
    await writeClassList(file, STUDENTS);
    const mb = statSync(file).size / 1024 / 1024;
    const base = `http://127.0.0.1:${port}`;
    const session = await signInHttp(base, 'koord.s1@demo.pumpurs.lv', DEMO_PASSWORD);
    const probe = new pg.Client({ connectionString: url.toString() });
    await probe.connect();
    const schoolId = (await probe.query(`select id from organisations where code = 'ZIEM-S1'`)).rows[0]
      .id as string;
    await probe.end();
    // The first start loads the demo (e-journal data, indicators): its peak is not the import's.
    const startMemory = peakMb(server.child.pid);
    const first = await importList(base, session, schoolId, file);
    const again = await importList(base, session, schoolId, file);
    const memory = peakMb(server.child.pid);
    const copy = await benchCopy(url.toString(), file, schoolId);
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const pct = (copyMs: number, ms: number) => `${((100 * copyMs) / ms).toFixed(0)} %`;
    console.log(`Class list: ${STUDENTS} students, ${mb.toFixed(1)} MB CSV`);
    console.log('| measure | time | rows/s | COPY ÷ import (heap-only) | COPY ÷ import (indexed) |');
    console.log('|---|---|---|---|---|');
    const row = (label: string, ms: number) =>
      console.log(
        `| ${label} | ${s(ms)} | ${Math.round(STUDENTS / (ms / 1000)).toLocaleString('en')} | ${pct(copy.heap, ms)} | ${pct(copy.indexed, ms)} |`,
      );
    row('COPY into a heap-only table', copy.heap);
    row(`COPY into a table LIKE students INCLUDING ALL (${copy.indexes} indexes)`, copy.indexed);
    const steps = (r: typeof first) =>
      `upload ${s(r.upload)}, preview ${s(r.preview)}, commit ${s(r.commit)}`;
    row(
      `class-list import, new students, upload + preview + commit (${steps(first)}; ${first.result.created} created)`,
      first.total,
    );
    row('class-list import, new students, the commit alone', first.commit);
    row(
      `class-list import, same file again (${steps(again)}; ${again.result.unchanged} unchanged)`,
      again.total,
    );
    console.log(
      `Server (V8 old space capped at ${HEAP_MB} MB) peak resident memory (VmHWM): ${startMemory.toFixed(0)} MB after start-up, ${memory.toFixed(0)} MB after both imports`,
    );
  });
}

await main();
