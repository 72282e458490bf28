import { type SQL, sql } from 'drizzle-orm';
import type { EjournalKind } from '../../../common/api/ejournal.ts';
import type { Db } from '../../platform/db.ts';
import { queryRows } from '../../platform/db.ts';

// The e-journal import's staging table: rows checked while the file streams are copied into a
// temporary table (dropped at commit), then checked as a whole and merged in SQL.

const STAGE = 'ejournal_stage';

type Shape = {
  /** Staging columns after `line` (the row's number in the file), with their types. */
  columns: [string, string][];
  /** The columns naming one record (the target's unique key). */
  key: string[];
  /** The columns compared between two rows with one key, and updated on a re-import. */
  content: string[];
  target: string;
};

const SHAPES: Record<EjournalKind, Shape> = {
  attendance: {
    columns: [
      ['student_id', 'uuid'],
      ['on_date', 'date'],
      ['lesson_no', 'smallint'],
      ['lessons', 'smallint'],
      ['subject', 'text'],
      ['reason', 'text'],
    ],
    key: ['student_id', 'on_date', 'lesson_no'],
    content: ['lessons', 'subject', 'reason'],
    target: 'attendance',
  },
  marks: {
    columns: [
      ['student_id', 'uuid'],
      ['subject', 'text'],
      ['on_date', 'date'],
      ['mark', 'text'],
      ['value', 'smallint'],
    ],
    key: ['student_id', 'subject', 'on_date'],
    content: ['mark', 'value'],
    target: 'marks',
  },
  behaviour: {
    columns: [
      ['student_id', 'uuid'],
      ['on_date', 'date'],
      ['kind', 'text'],
      ['note', 'text'],
      ['note_hash', 'text'],
    ],
    key: ['student_id', 'on_date', 'note_hash'],
    content: ['kind', 'note'],
    target: 'behaviour_notes',
  },
};

/** What a re-import changes in a stored row (marks: the mark; notes: the kind), as before. */
const CHANGED: Record<EjournalKind, string[]> = {
  attendance: ['lessons', 'subject', 'reason'],
  marks: ['mark', 'value'],
  behaviour: ['kind'],
};

const list = (names: string[], prefix = '') => names.map((n) => `${prefix}${n}`).join(', ');

/**
 * Creates the empty staging table for `kind` in this transaction. On PostgreSQL the sort and hash
 * memory is raised for this transaction only, so the checks over a whole semester stay in memory.
 */
export async function createStage(tx: Db, kind: EjournalKind, postgres: boolean): Promise<void> {
  const columns = SHAPES[kind].columns.map(([n, t]) => `${n} ${t}`).join(', ');
  if (postgres) await tx.execute(sql`set local work_mem = '256MB'`);
  await tx.execute(sql.raw(`create temp table ${STAGE} (line integer not null, ${columns}) on commit drop`));
}

/** The COPY target (table and columns) of the staging table; lines hold `line` then `stageColumns`. */
export function stageTarget(kind: EjournalKind): string {
  return `${STAGE} (line, ${list(SHAPES[kind].columns.map(([n]) => n))})`;
}

/**
 * Lines that repeat an earlier row's key with other content (the earlier row wins nothing: the
 * file is refused), first `limit` in file order.
 */
export async function findConflictingLines(tx: Db, kind: EjournalKind, limit: number): Promise<number[]> {
  const { key, content } = SHAPES[kind];
  const firsts = content.map((c) => `first_value(${c}) over w as first_${c}`).join(', ');
  const differs = content.map((c) => `${c} is distinct from first_${c}`).join(' or ');
  const rows = await queryRows<{ line: number }>(
    tx,
    sql.raw(`
      with repeated as (select ${list(key)} from ${STAGE} group by ${list(key)} having count(*) > 1)
      select line from (
        select s.line, ${list(content, 's.')}, ${firsts}
        from ${STAGE} s join repeated r using (${list(key)})
        window w as (partition by ${list(key, 's.')} order by s.line)
      ) x where ${differs} order by line limit ${Math.trunc(limit)}`),
  );
  return rows.map((r) => Number(r.line));
}

/**
 * Merges the staged rows into the kind's table: changed rows are updated, then new keys inserted
 * (a plain insert with an anti-join: nearly twice as fast as `insert … on conflict` per row);
 * equal rows are left alone. `repeated`: the file names some keys more than once (with equal
 * content), so each key is taken once. Existing rows are found through the unique index, one
 * probe per staged row, so the merge's cost follows the file, not the country.
 */
export async function mergeStage(
  tx: Db,
  kind: EjournalKind,
  repeated: boolean,
): Promise<{ inserted: number; updated: number }> {
  const { columns, key, target } = SHAPES[kind];
  const names = columns.map(([n]) => n);
  const source = repeated
    ? `(select distinct on (${list(key)}) ${list(names)} from ${STAGE} order by ${list(key)}, line)`
    : STAGE;
  const changed = CHANGED[kind];
  const matches = key.map((k) => `t.${k} = v.${k}`).join(' and ');
  const setSql = [...changed.map((c) => `${c} = v.${c}`), "source = 'import'"].join(', ');
  // Probe the unique index per staged row: a hash or merge join would read the whole national table.
  await tx.execute(sql`set local enable_hashjoin = off`);
  await tx.execute(sql`set local enable_mergejoin = off`);
  const [u] = await queryRows<{ n: number }>(
    tx,
    sql.raw(`
      with u as (
        update ${target} t set ${setSql} from ${source} v
        where ${matches} and (${list(changed, 't.')}) is distinct from (${list(changed, 'v.')})
        returning 1)
      select count(*)::int as n from u`),
  );
  const [i] = await queryRows<{ n: number }>(
    tx,
    sql.raw(`
      with i as (
        insert into ${target} (${list(names)}, source)
        select ${list(names, 'v.')}, 'import' from ${source} v
        where not exists (select 1 from ${target} t where ${matches})
        returning 1)
      select count(*)::int as n from i`),
  );
  await tx.execute(sql`set local enable_hashjoin = on`);
  await tx.execute(sql`set local enable_mergejoin = on`);
  return { inserted: Number(i.n), updated: Number(u.n) };
}

/** Gives the planner the staged rows' statistics (a temporary table has none until analysed). */
export async function analyzeStage(tx: Db): Promise<void> {
  await tx.execute(sql.raw(`analyze ${STAGE}`));
}

/** Distinct keys among the staged rows (fewer than the rows when the file repeats a record). */
export async function countStagedKeys(tx: Db, kind: EjournalKind): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    tx,
    sql.raw(`select count(*)::int as n from (select 1 from ${STAGE} group by ${list(SHAPES[kind].key)}) k`),
  );
  return Number(row.n);
}

/** The days the staged rows fall on (for finding the semesters touched). */
export async function findStagedDates(tx: Db): Promise<string[]> {
  const rows = await queryRows<{ d: string }>(
    tx,
    sql.raw(`select distinct on_date::text as d from ${STAGE} order by 1`),
  );
  return rows.map((r) => r.d);
}

/** SQL condition on `s`: the students named by the staged rows. */
export const ofStaged = (): SQL => sql.raw(`s.id in (select distinct student_id from ${STAGE})`);
