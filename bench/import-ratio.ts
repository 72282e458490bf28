import { createReadStream, createWriteStream, statSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { makeNewPersonalCode } from '../common/personal-code.ts';
import { DEMO_PASSWORD } from '../server/demo/accounts.ts';
import { findSemesters } from '../server/domains/calendar/index.ts';
import { insertStudents } from '../server/domains/students/index.ts';
import { todayInLatvia } from '../server/platform/dates.ts';
import { openPostgres } from '../server/platform/db.ts';
import { copyFile, peakMb, withImportServer } from './import-bench-lib.ts';
import { signInHttp } from './lib.ts';

/**
 * `node --import tsx bench/import-ratio.ts [--rows 840000] [--students 2000] [--heap-mb 256] [--repeat 1]`:
 * the e-journal import (HTTP upload through the app on PostgreSQL: stream to disk, check, copy
 * straight into attendance or stage and merge, recompute the touched students' indicators) of an
 * attendance file against `COPY` of the same file into a table shaped like it, heap-only and with
 * attendance's indexes. Prints the ratios (COPY time ÷ import time); with `--repeat N`, the medians
 * of N rounds. BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names the
 * server; a fresh database `pumpurs_imp_bench_*` is made and dropped.
 */
const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const ROWS = arg('rows', 840_000);
const STUDENTS = arg('students', 2000);
/** The server's V8 old-space cap: the import must finish within it (memory bounded, not file-sized). */
const HEAP_MB = arg('heap-mb', 256);
/** Rounds of (import new, import again, COPY heap-only and indexed); medians are reported. */
const REPEAT = Math.max(1, Math.trunc(arg('repeat', 1)));
const SUBJECTS = ['Matemātika', 'Latviešu valoda', 'Angļu valoda', 'Fizika', 'Vēsture', 'Sports', 'Ķīmija'];

const dmy = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** Weekdays from `from` to `to` (ISO dates), oldest first. */
function weekdays(from: string, to: string): string[] {
  const out: string[] = [];
  for (
    let d = new Date(`${from}T12:00:00Z`);
    d.toISOString().slice(0, 10) <= to;
    d.setUTCDate(d.getUTCDate() + 1)
  )
    if (d.getUTCDay() % 6 !== 0) out.push(d.toISOString().slice(0, 10));
  return out;
}

/** Writes the attendance file: each student's lessons day by day, mostly present, some absences. */
async function writeAttendanceFile(file: string, codes: string[], days: string[]): Promise<void> {
  const perStudent = Math.ceil(ROWS / codes.length);
  const lessonsPerDay = Math.min(8, Math.ceil(perStudent / days.length));
  async function* lines() {
    yield 'Personas kods;Datums;Stunda;Priekšmets;Kavējuma veids\n';
    let written = 0;
    for (const [s, code] of codes.entries()) {
      let chunk = '';
      for (let k = 0; k < perStudent && written < ROWS; k++, written++) {
        const day = days[Math.floor(k / lessonsPerDay)];
        const lesson = (k % lessonsPerDay) + 1;
        const roll = (s * 7919 + k * 104_729) % 100;
        const reason = roll < 4 ? 'n' : roll < 9 ? 's' : '+';
        chunk += `${code};${dmy(day)};${lesson};${SUBJECTS[(k + s) % SUBJECTS.length]};${reason}\n`;
      }
      yield chunk;
    }
  }
  await pipeline(Readable.from(lines()), createWriteStream(file));
}

/** COPY of the file into a table of its columns: heap-only, then with attendance's identity key and unique index. */
async function benchCopy(url: string, file: string): Promise<{ heap: number; indexed: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`SET datestyle = 'ISO, DMY'`);
    const columns = 'personal_code text, on_date date, lesson_no smallint, subject text, reason text';
    await client.query(`CREATE TABLE copy_heap (${columns})`);
    await client.query(
      `CREATE TABLE copy_indexed (id bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY, ${columns},
        lessons smallint NOT NULL DEFAULT 1, source text NOT NULL DEFAULT 'import', created_at timestamptz NOT NULL DEFAULT now())`,
    );
    await client.query(
      'CREATE UNIQUE INDEX copy_indexed_uq ON copy_indexed (personal_code, on_date, lesson_no)',
    );
    const cols = '(personal_code, on_date, lesson_no, subject, reason)';
    const heap = await copyFile(client, `copy_heap ${cols}`, file);
    const indexed = await copyFile(client, `copy_indexed ${cols}`, file);
    await client.query('DROP TABLE copy_heap, copy_indexed');
    return { heap, indexed };
  } finally {
    await client.end();
  }
}

type Upload = { ms: number; result: Record<string, number> };

/** Empties attendance between rounds, so each round's first import finds no stored rows. */
async function clearAttendance(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('TRUNCATE attendance');
  } finally {
    await client.end();
  }
}

async function upload(
  base: string,
  session: { cookie: string; csrf: string },
  url: string,
  file: string,
): Promise<Upload> {
  const started = performance.now();
  const res = await fetch(`${base}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', cookie: session.cookie, 'x-csrf-token': session.csrf },
    body: Readable.toWeb(createReadStream(file)) as ReadableStream,
    duplex: 'half',
  } as RequestInit);
  const body = await res.text();
  const ms = performance.now() - started;
  if (res.status !== 200) throw new Error(`import failed: ${res.status} ${body.slice(0, 500)}`);
  return { ms, result: JSON.parse(body) as Record<string, number> };
}

async function main() {
  await withImportServer(PG_URL, 'pumpurs_imp_bench', HEAP_MB, async ({ url, dir, port, server }) => {
    const database = await openPostgres(url.toString(), 2);
    const codes = Array.from({ length: STUDENTS }, (_, i) => makeNewPersonalCode(97_000_000 + i * 17));
    const { schoolId, days } = await database.withTx(async (tx) => {
      const [school] = (
        (await tx.execute(`select id from organisations where code = 'ZIEM-S1'`)) as unknown as {
          rows: { id: string }[];
        }
      ).rows;
      const rows = codes.map((personalCode, i) => ({
        personalCode,
        personalCodeWarning: false,
        firstName: `Vārds${i}`,
        lastName: `Uzvārds${i}`,
        birthDate: null,
        gender: null,
        schoolId: school.id,
        grade: 5 + (i % 8),
        course: null,
        classLabel: `${5 + (i % 8)}.${'abc'[i % 3]}`,
      }));
      for (let i = 0; i < rows.length; i += 500) await insertStudents(tx, rows.slice(i, i + 500));
      const today = todayInLatvia();
      // The days of the semesters begun by today, latest last: enough for the file's lessons.
      const semesters = (await findSemesters(tx))
        .filter((s) => s.startsOn <= today)
        .sort((a, b) => a.startsOn.localeCompare(b.startsOn));
      const all = semesters.flatMap((s) => weekdays(s.startsOn, s.endsOn < today ? s.endsOn : today));
      return { schoolId: school.id, days: all.slice(-120) };
    });
    await database.close();
    const file = path.join(dir, 'kavejumi.csv');
    await writeAttendanceFile(file, codes, days);
    const mb = statSync(file).size / 1024 / 1024;
    const base = `http://127.0.0.1:${port}`;
    const session = await signInHttp(base, 'koord.s1@demo.pumpurs.lv', DEMO_PASSWORD);
    const route = `/api/ejournal/import?schoolId=${schoolId}&kind=attendance&fileName=kavejumi.csv`;
    // Each round: the file into no stored attendance, the same file again, then COPY of it. The
    // machine is shared, so the medians of the rounds are reported (and each round's ratio).
    const rounds: { first: Upload; again: Upload; copy: { heap: number; indexed: number } }[] = [];
    for (let r = 0; r < REPEAT; r++) {
      if (r > 0) await clearAttendance(url.toString());
      const first = await upload(base, session, route, file);
      const again = await upload(base, session, route, file);
      rounds.push({ first, again, copy: await benchCopy(url.toString(), file) });
    }
    const memory = peakMb(server.child.pid);
    const median = (xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b);
      const mid = Math.floor(sorted.length / 2);
      return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    };
    const copy = {
      heap: median(rounds.map((r) => r.copy.heap)),
      indexed: median(rounds.map((r) => r.copy.indexed)),
    };
    const { first, again } = rounds[0];
    const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    const pct = (copyMs: number, importMs: number) => `${((100 * copyMs) / importMs).toFixed(0)} %`;
    console.log(`Attendance file: ${first.result.rows} rows, ${mb.toFixed(1)} MB, ${STUDENTS} students`);
    console.log(`Medians of ${REPEAT} round(s)`);
    console.log('| measure | time | rows/s | COPY ÷ import (heap-only) | COPY ÷ import (indexed) |');
    console.log('|---|---|---|---|---|');
    const row = (label: string, ms: number) =>
      console.log(
        `| ${label} | ${s(ms)} | ${Math.round(ROWS / (ms / 1000)).toLocaleString('en')} | ${pct(copy.heap, ms)} | ${pct(copy.indexed, ms)} |`,
      );
    row('COPY into a heap-only table', copy.heap);
    row('COPY into a table with attendance’s indexes', copy.indexed);
    row(
      `e-journal import, new rows (HTTP upload to result; ${first.result.inserted} inserted, ${first.result.studentsRefreshed} students refreshed)`,
      median(rounds.map((r) => r.first.ms)),
    );
    row(
      `e-journal import, same file again (${again.result.unchanged} unchanged)`,
      median(rounds.map((r) => r.again.ms)),
    );
    if (REPEAT > 1)
      console.log(
        `Each round's COPY (indexed) ÷ import, new rows: ${rounds.map((r) => pct(r.copy.indexed, r.first.ms)).join(', ')}; the same file again: ${rounds.map((r) => pct(r.copy.indexed, r.again.ms)).join(', ')}`,
      );
    console.log(
      `Server (V8 old space capped at ${HEAP_MB} MB) peak resident memory (VmHWM) after the imports: ${memory.toFixed(0)} MB`,
    );
  });
}

await main();
