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
 * On PostgreSQL raises the sort and hash memory for this transaction only, so the checks and the
 * indicators over a whole semester stay in memory.
 */
export async function raiseWorkMem(tx: Db, postgres: boolean): Promise<void> {
  if (postgres) await tx.execute(sql`set local work_mem = '256MB'`);
}

/** Creates the empty staging table for `kind` in this transaction. */
export async function createStage(tx: Db, kind: EjournalKind): Promise<void> {
  const columns = SHAPES[kind].columns.map(([n, t]) => `${n} ${t}`).join(', ');
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
  // Probe the unique index per staged row: a hash or merge join would read the whole national
  // table. JIT compiles for longer than these simple plans run.
  for (const setting of ['enable_hashjoin', 'enable_mergejoin', 'jit'])
    await tx.execute(sql.raw(`set local ${setting} = off`));
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
  for (const setting of ['enable_hashjoin', 'enable_mergejoin', 'jit'])
    await tx.execute(sql.raw(`set local ${setting} to default`));
  return { inserted: Number(i.n), updated: Number(u.n) };
}

/**
 * The COPY target (table and columns) for copying checked rows straight into the kind's table;
 * lines hold `stageColumns` (without `line`) then the source, `import`.
 */
export function directTarget(kind: EjournalKind): string {
  const { columns, target } = SHAPES[kind];
  return `${target} (${list(columns.map(([n]) => n))}, source)`;
}

const DIRECT = 'ejournal_direct_copy';

/**
 * Marks the point a straight copy into the table returns to when the file turns out to name a
 * stored record or one record twice (see `isRepeatedKey`).
 */
export async function beginDirectCopy(tx: Db): Promise<void> {
  await tx.execute(sql.raw(`savepoint ${DIRECT}`));
}

/** Keeps what the straight copy wrote. */
export async function keepDirectCopy(tx: Db): Promise<void> {
  await tx.execute(sql.raw(`release savepoint ${DIRECT}`));
}

/** Undoes the straight copy (every row it wrote), leaving the transaction usable. */
export async function undoDirectCopy(tx: Db): Promise<void> {
  await tx.execute(sql.raw(`rollback to savepoint ${DIRECT}`));
}

/** Whether an error is the table's unique key refusing a row (a stored record, or a key twice). */
export function isRepeatedKey(e: unknown): boolean {
  for (let x = e, depth = 0; x && typeof x === 'object' && depth < 4; depth++) {
    if ((x as { code?: unknown }).code === '23505') return true;
    x = (x as { cause?: unknown }).cause;
  }
  return false;
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

/** SQL condition on `s`: the students the file names (ids collected while it streamed). */
export const ofStudentIds = (ids: Iterable<string>): SQL =>
  sql`s.id = any(${`{${[...ids].join(',')}}`}::uuid[])`;
