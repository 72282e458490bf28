import { sql } from 'drizzle-orm';
import type { RequestContext } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';
import { queryRows } from '../../platform/db.ts';

// The class-list import's staging table: every data row of the file, checked while the file
// streams, is copied into a temporary table of the transaction (dropped at commit); the rows are
// then compared with the register, counted, shown and merged in SQL.

const STAGE = 'class_list_stage';

/** The staged columns in COPY order (see `stageLine` in class-list-stream.ts). */
export const STAGE_COLUMNS = [
  'line',
  'status',
  'personal_code',
  'personal_code_warning',
  'first_name',
  'last_name',
  'class_label',
  'grade',
  'course',
  'birth_date',
  'gender',
  'errors',
] as const;

/** The COPY target: the staging table and its columns. */
export const STAGE_TARGET = `${STAGE} (${STAGE_COLUMNS.join(', ')})`;

/**
 * Creates the empty staging table in this transaction. `status` is `excluded` or `error` when the
 * row's own checks decide it, else empty until `classifyStage`.
 */
export async function createStage(tx: Db, postgres: boolean): Promise<void> {
  if (postgres) await tx.execute(sql`set local work_mem = '128MB'`);
  await tx.execute(
    sql.raw(`create temp table ${STAGE} (
      line integer not null, status text, personal_code text, personal_code_warning boolean,
      first_name text, last_name text, class_label text, grade smallint, course smallint,
      birth_date date, gender text, errors jsonb, existing_id uuid, other_school_id uuid,
      changed_fields text[]) on commit drop`),
  );
}

/**
 * Compares the rows that passed their own checks with the register, as one statement: the second
 * and later rows of a code (in file order, excluded and wrong rows not counted) are errors
 * (`personal_code_duplicate_row`); a code registered at another school is an error
 * (`personal_code_taken`, the same neutral answer as registering by hand); a code of this school is
 * `changed` (with the fields that differ) or `unchanged`; any other is `new`.
 */
export async function classifyStage(tx: Db, schoolId: string): Promise<void> {
  await tx.execute(sql.raw(`analyze ${STAGE}`));
  const differs = (column: string, field: string) =>
    sql.raw(`case when v.${column} is distinct from s.${column} then '${field}' end`);
  await tx.execute(sql`
    with ok as (
      select line, personal_code,
        row_number() over (partition by personal_code order by line) as rn
      from ${sql.raw(STAGE)} where status is null
    ), c as (
      select ok.line, ok.rn, s.id, s.school_id,
        array_remove(array[
          ${differs('first_name', 'firstName')}, ${differs('last_name', 'lastName')},
          ${differs('class_label', 'classLabel')}, ${differs('grade', 'grade')},
          ${differs('course', 'course')}, ${differs('birth_date', 'birthDate')},
          ${differs('gender', 'gender')}], null) as changed
      from ok
      join ${sql.raw(STAGE)} v on v.line = ok.line
      left join students s on ok.rn = 1 and s.personal_code = ok.personal_code
    )
    update ${sql.raw(STAGE)} g set
      status = case
        when c.rn > 1 then 'error'
        when c.id is null then 'new'
        when c.school_id <> ${schoolId}::uuid then 'error'
        when cardinality(c.changed) > 0 then 'changed'
        else 'unchanged' end,
      errors = case
        when c.rn > 1 then '[{"field":"personalCode","code":"personal_code_duplicate_row"}]'::jsonb
        when c.id is not null and c.school_id <> ${schoolId}::uuid
          then '[{"field":"personalCode","code":"personal_code_taken"}]'::jsonb end,
      existing_id = case when c.rn = 1 then c.id end,
      other_school_id = case when c.rn = 1 and c.school_id <> ${schoolId}::uuid then c.school_id end,
      changed_fields = case when c.rn = 1 and c.school_id = ${schoolId}::uuid then c.changed else '{}' end
    from c where g.line = c.line`);
}

/** Rows by status. */
export async function countStaged(tx: Db): Promise<Record<string, number>> {
  const rows = await queryRows<{ status: string; n: number }>(
    tx,
    sql.raw(`select status, count(*)::int as n from ${STAGE} group by status`),
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** A staged row as the preview shows it (the personal code is masked by the caller). */
export interface StagedRow {
  line: number;
  status: 'new' | 'changed' | 'unchanged' | 'error' | 'excluded';
  personalCode: string | null;
  firstName: string | null;
  lastName: string | null;
  classLabel: string | null;
  changedFields: string[] | null;
  errors: { field: string; code: string }[] | null;
}

/** The first `limit` rows with errors first, then the others, each in file order. */
export async function findPreviewRows(tx: Db, limit: number): Promise<StagedRow[]> {
  return queryRows<StagedRow>(
    tx,
    sql.raw(`select line, status, personal_code as "personalCode", first_name as "firstName",
        last_name as "lastName", class_label as "classLabel", changed_fields as "changedFields", errors
      from ${STAGE} order by status <> 'error', line limit ${Math.trunc(limit)}`),
  );
}

/** The rows with errors in file order (at most `limit`). */
export async function findErrorRows(
  tx: Db,
  limit: number,
): Promise<{ line: number; errors: { field: string; code: string }[] }[]> {
  return queryRows(
    tx,
    sql.raw(
      `select line, errors from ${STAGE} where status = 'error' order by line limit ${Math.trunc(limit)}`,
    ),
  );
}

/** Students of other schools whose codes the file gave (audited as refused, never shown). */
export async function findRefusedStudents(tx: Db): Promise<{ id: string; schoolId: string }[]> {
  return queryRows(
    tx,
    sql.raw(
      `select existing_id as id, other_school_id as "schoolId" from ${STAGE} where other_school_id is not null order by line`,
    ),
  );
}

const auditColumns = sql.raw('actor_id, action, outcome, entity_type, entity_id, org_id, request_id, ip');

/**
 * Inserts the `new` rows as students of the school and updates the `changed` ones, each statement
 * writing one audit row per student (`student.create` / `student.update`) in the same statement.
 */
export async function mergeStage(
  tx: Db,
  ctx: RequestContext,
  schoolId: string,
  at: Date,
): Promise<{ created: number; updated: number }> {
  const actor = ctx.actor?.userId ?? null;
  const audit = (action: string) =>
    sql`select ${actor}::uuid, ${action}, 'ok', 'student', id::text, ${schoolId}::uuid, ${ctx.requestId}, ${ctx.ip}::inet`;
  const [created] = await queryRows<{ n: number }>(
    tx,
    sql`
      with ins as (
        insert into students (personal_code, personal_code_warning, first_name, last_name, birth_date,
          gender, school_id, grade, course, class_label, created_at, updated_at)
        select personal_code, personal_code_warning, first_name, last_name, birth_date,
          gender, ${schoolId}::uuid, grade, course, class_label, ${at.toISOString()}::timestamptz,
          ${at.toISOString()}::timestamptz
        from ${sql.raw(STAGE)} where status = 'new' order by line
        returning id),
      a as (insert into audit_events (${auditColumns}) ${audit('student.create')} from ins returning 1)
      select count(*)::int as n from a`,
  );
  const [updated] = await queryRows<{ n: number }>(
    tx,
    sql`
      with upd as (
        update students s set first_name = v.first_name, last_name = v.last_name,
          class_label = v.class_label, grade = v.grade, course = v.course, birth_date = v.birth_date,
          gender = v.gender, updated_at = ${at.toISOString()}::timestamptz
        from ${sql.raw(STAGE)} v
        where v.status = 'changed' and s.id = v.existing_id and s.school_id = ${schoolId}::uuid
        returning s.id),
      a as (insert into audit_events (${auditColumns}) ${audit('student.update')} from upd returning 1)
      select count(*)::int as n from a`,
  );
  return { created: Number(created.n), updated: Number(updated.n) };
}
