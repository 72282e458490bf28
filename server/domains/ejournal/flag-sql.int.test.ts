import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FLAG_KEYS, type FlagKey } from '../../../common/api/ejournal.ts';
import { moveClockIntoSemester, resetClock, type TestCalendar } from '../../../test/calendar.ts';
import { createTestServer, type TestServer } from '../../../test/server.ts';
import { type Db, queryRows } from '../../platform/db.ts';
import { refreshFlagCounts } from './flag-count-repo.ts';
import { DEFAULT_FLAG_SETTINGS, type FlagInputs, type FlagSettings, raisedFlags } from './flag-rules.ts';
import { flagsOf } from './flags.ts';
import { findIndicatorRows, upsertThresholds } from './watch-list-repo.ts';

/**
 * The watch list's SQL (FLAG_SQL, the stored flag count) and `flagsOf` mean exactly what the pure
 * rule `raisedFlags` says: random indicator rows, random thresholds and switched-off flags, and the
 * same rows through SQL and through `raisedFlags` raise the same flags.
 */
let server: TestServer;
let cal: TestCalendar;
let school: { id: string; path: string; parent_id: string };
let nationId: string;
let students: string[];

/** A small seeded generator (mulberry32), so a failure repeats. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return { next, int };
}

/** p ÷ q rounded half up to thousandths, as an integer count of thousandths (PostgreSQL's round). */
const thousandths = (p: number, q: number) => Math.floor((2000 * p + q) / (2 * q));

type Raw = {
  student_id: string;
  unj: number;
  jus: number;
  oth: number;
  pre: number;
  low: number;
  avg: number | null;
  prev: number | null;
  beh: number;
};

beforeAll(async () => {
  server = await createTestServer();
  cal = await moveClockIntoSemester(server.database);
  await server.database.read(async (db) => {
    [school] = await queryRows<{ id: string; path: string; parent_id: string }>(
      db,
      sql`select o.id, o.path, o.parent_id from organisations o join organisations m on m.id = o.parent_id
          where o.type = 'school' and m.type = 'municipality' and o.code = 'ZIEM-S1'`,
    );
    [{ id: nationId }] = await queryRows<{ id: string }>(
      db,
      sql`select id from organisations where type = 'nation'`,
    );
    students = (
      await queryRows<{ id: string }>(
        db,
        sql`select id from students where school_id = ${school.id} and status = 'enrolled' order by id limit 80`,
      )
    ).map((r) => r.id);
  });
});
afterAll(async () => {
  resetClock();
  await server.close();
});

async function writeRows(db: Db, rows: Raw[], schoolDays: number) {
  for (const r of rows)
    await db.execute(sql`insert into student_indicators (student_id, semester_id, school_id, unjustified_lessons,
        justified_lessons, other_lessons, present_lessons, low_marks, mark_average, previous_average, behaviour_notes)
      values (${r.student_id}, ${cal.current.id}, ${school.id}, ${r.unj}, ${r.jus}, ${r.oth}, ${r.pre}, ${r.low},
        ${r.avg}, ${r.prev}, ${r.beh})
      on conflict (student_id, semester_id) do update set unjustified_lessons = excluded.unjustified_lessons,
        justified_lessons = excluded.justified_lessons, other_lessons = excluded.other_lessons,
        present_lessons = excluded.present_lessons, low_marks = excluded.low_marks, mark_average = excluded.mark_average,
        previous_average = excluded.previous_average, behaviour_notes = excluded.behaviour_notes`);
  await db.execute(
    sql`delete from journal_coverage where semester_id = ${cal.current.id} and school_id = ${school.id}`,
  );
  if (schoolDays > 0)
    await db.execute(sql`insert into journal_coverage (semester_id, school_id, covered_to, school_days)
      values (${cal.current.id}, ${school.id}, ${cal.today}, ${schoolDays})`);
}

/** The indicators as the flag rules read them, the attendance rate computed here from the raw counts. */
function inputsOf(r: Raw, schoolDays: number, lessonsPerDay: number): FlagInputs {
  const missed = r.unj + r.jus + r.oth;
  let rate: number | null = null;
  if (r.pre > 0) rate = thousandths(r.pre, r.pre + missed) / 1000;
  else if (schoolDays > 0 && missed > 0) {
    const held = schoolDays * lessonsPerDay;
    rate = Math.max(0, thousandths(held - missed, held)) / 1000;
  }
  return {
    unjustifiedLessons: r.unj,
    attendanceRate: rate,
    lowMarks: r.low,
    markAverage: r.avg,
    previousAverage: r.prev,
    behaviourNotes: r.beh,
  };
}

describe('the flags in SQL and in flag-rules.ts', () => {
  it('raise the same flags on random rows, thresholds and switched-off flags', async () => {
    expect(students.length).toBeGreaterThan(20);
    const rnd = random(20261205);
    const seen = new Set<string>();
    for (let round = 0; round < 8; round++) {
      const rows: Raw[] = students.map((student_id) => {
        const avg = rnd.next() < 0.15 ? null : rnd.int(100, 1000) / 100;
        return {
          student_id,
          unj: rnd.int(0, 40),
          jus: rnd.int(0, 60),
          oth: rnd.int(0, 6),
          pre: rnd.next() < 0.3 ? rnd.int(1, 500) : 0,
          low: rnd.int(0, 4),
          avg,
          prev:
            rnd.next() < 0.2 || avg === null
              ? null
              : Math.min(1000, Math.max(100, avg * 100 + rnd.int(-300, 300))) / 100,
          beh: rnd.int(0, 5),
        };
      });
      const schoolDays = rnd.int(0, 3) === 0 ? 0 : rnd.int(1, 90);
      const lessonsPerDay = round === 0 ? 7 : rnd.int(4, 9);
      const disabledFlags = FLAG_KEYS.filter(() => rnd.next() < 0.3);
      // Round 0: nobody set thresholds (the defaults); then the municipality's own.
      const settings: FlagSettings =
        round === 0
          ? DEFAULT_FLAG_SETTINGS
          : {
              unjustifiedLessons: rnd.int(1, 30),
              attendanceRate: rnd.int(500, 990) / 1000,
              lowMarks: rnd.int(1, 3),
              averageDrop: rnd.int(10, 200) / 100,
              behaviourNotes: rnd.int(1, 4),
              disabledFlags,
            };
      await server.database.withTx(async (tx) => {
        await tx.execute(sql`delete from flag_thresholds where org_id in (${school.parent_id}, ${nationId})`);
        if (round > 0) await upsertThresholds(tx, school.parent_id, { ...settings, lessonsPerDay }, null);
        await writeRows(tx, rows, schoolDays);
        await refreshFlagCounts(tx, cal.current.id, sql`i.school_id = ${school.id}`);
      });
      const expected = new Map(
        rows.map((r) => [r.student_id, raisedFlags(inputsOf(r, schoolDays, lessonsPerDay), settings)]),
      );
      for (const flags of expected.values()) for (const k of flags) seen.add(k);
      await server.database.read(async (db) => {
        const filter = {
          semesterId: cal.current.id,
          scope: [school.path],
          schoolId: school.id,
          onlyFlagged: false,
          onlyUnassessed: false,
          limit: 10_000,
          offset: 0,
        };
        const listed = (await findIndicatorRows(db, filter)).filter((r) => expected.has(r.student_id));
        expect(listed.length).toBe(rows.length);
        for (const r of listed) {
          const want = expected.get(r.student_id) as FlagKey[];
          expect(
            flagsOf(r, 'en').map((f) => f.key),
            `round ${round}`,
          ).toEqual(want);
        }
        for (const key of FLAG_KEYS) {
          const sqlFlagged = (await findIndicatorRows(db, { ...filter, flag: key }))
            .map((r) => r.student_id)
            .filter((id) => expected.has(id))
            .sort();
          const want = [...expected]
            .filter(([, flags]) => flags.includes(key))
            .map(([id]) => id)
            .sort();
          expect(sqlFlagged, `round ${round}, ${key}`).toEqual(want);
        }
        const stored = await queryRows<{ student_id: string; flag_count: number }>(
          db,
          sql`select student_id, flag_count from student_indicators where semester_id = ${cal.current.id} and school_id = ${school.id}`,
        );
        for (const s of stored.filter((x) => expected.has(x.student_id)))
          expect(Number(s.flag_count), `round ${round}`).toBe(expected.get(s.student_id)?.length);
      });
    }
    // Every flag was raised somewhere (the rounds are not all quiet).
    expect([...seen].sort()).toEqual([...FLAG_KEYS].sort());
  });
});
