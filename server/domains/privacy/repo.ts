import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../platform/db.ts';
import { pathInScope } from '../../platform/scope-sql.ts';
import type { RetentionSettings } from './settings.ts';

/** A student with the end of their retention (null while the student attends). */
export interface RetentionRow {
  id: string;
  school_id: string;
  school_path: string;
  status: string;
  anonymised_at: string | Date | null;
  last_case_on: string | null;
  retention_ends_on: string | null;
}

/**
 * The end of a student's retention, in SQL so the job and the erasure decide alike: null while the
 * student attends; else the later of (left + screening months) and, when there is a case record,
 * (the case's last date or leaving, the later, + case years) but not before the programme's date.
 */
function retentionSelect(s: RetentionSettings, where: SQL): SQL {
  return sql`
    select st.id, st.school_id, o.path as school_path, st.status, st.anonymised_at,
      to_char(c.last_case_on, 'YYYY-MM-DD') as last_case_on,
      to_char(case when st.status = 'enrolled' then null else greatest(
        (coalesce(st.status_date, st.updated_at::date) + make_interval(months => ${s.screeningMonths}::int))::date,
        case when c.last_case_on is null then null else greatest(
          (greatest(c.last_case_on, coalesce(st.status_date, st.updated_at::date))
            + make_interval(years => ${s.caseYears}::int))::date,
          ${s.programmeUntil}::date) end
      ) end, 'YYYY-MM-DD') as retention_ends_on
    from students st
      join organisations o on o.id = st.school_id
      left join lateral (select greatest(
        (select max(se.ends_on) from plans p join semesters se on se.id = p.semester_id where p.student_id = st.id),
        (select max(found_on) from student_risks where student_id = st.id),
        (select max(on_date) from case_notes where student_id = st.id),
        (select max(updated_at)::date from referrals where student_id = st.id),
        (select max(sent_on) from letters where student_id = st.id),
        (select max(on_date) from economic_payments where student_id = st.id),
        (select max(signed_on) from applications where student_id = st.id)
      ) as last_case_on) c on true
    where ${where}`;
}

/** One student's retention, locking the row so two erasures of one student run one after the other. */
export async function findRetentionForUpdate(
  tx: Db,
  s: RetentionSettings,
  studentId: string,
): Promise<RetentionRow | null> {
  await tx.execute(sql`select 1 from students where id = ${studentId} for update`);
  const rows = await queryRows<RetentionRow>(tx, retentionSelect(s, sql`st.id = ${studentId}`));
  return rows[0] ?? null;
}

/** Students (not yet anonymised, no longer attending) whose retention ended before `today`. */
export async function findExpiredStudents(
  tx: Db,
  s: RetentionSettings,
  today: string,
  limit: number,
): Promise<RetentionRow[]> {
  return queryRows<RetentionRow>(
    tx,
    sql`select * from (${retentionSelect(s, sql`st.anonymised_at is null and st.status <> 'enrolled'`)}) r
        where r.retention_ends_on < ${today} order by r.id limit ${limit}`,
  );
}

/** Column → rows changed, for the erasure log. */
export type Cleared = Record<string, number>;

async function run(tx: Db, cleared: Cleared, columns: string[], statement: SQL): Promise<void> {
  const result = (await tx.execute(statement)) as unknown as { rowCount?: number; affectedRows?: number };
  const n = Number(result.rowCount ?? result.affectedRows ?? 0);
  if (n > 0) for (const c of columns) cleared[c] = (cleared[c] ?? 0) + n;
}

/**
 * Anonymises one student in the caller's transaction: identity, guardians, contacts, note texts and
 * other free texts, the files about the student and the PIN. Ids, dates, statuses, counts, amounts
 * and e-journal figures stay, so the reports' read model computes the same figures.
 */
export async function anonymiseStudentRows(tx: Db, studentId: string, at: Date): Promise<Cleared> {
  const c: Cleared = {};
  const id = studentId;
  const atIso = at.toISOString();
  // The files first, while the rows still lead to them.
  await run(
    tx,
    c,
    ['stored_files.content', 'stored_files.file_name'],
    sql`update stored_files set content = ''::bytea, file_name = 'anonymised', size = 0,
          sha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
        where id in (
          select file_id from applications where student_id = ${id} and file_id is not null
          union select file_id from letters where student_id = ${id} and file_id is not null
          union select response_file_id from referrals where student_id = ${id} and response_file_id is not null
          union select file_id from economic_payments where student_id = ${id} and file_id is not null
          union select f.file_id from plan_signed_files f join plans p on p.id = f.plan_id where p.student_id = ${id})
          and file_name <> 'anonymised'`,
  );
  // The rename trigger carries the names to student_indicators.
  await run(
    tx,
    c,
    [
      'students.personal_code',
      'students.first_name',
      'students.last_name',
      'students.birth_date',
      'students.status_reason',
    ],
    sql`update students set personal_code = 'X' || replace(id::text, '-', ''), personal_code_warning = false,
          first_name = '', last_name = 'Anonimizēts', birth_date = null, status_reason = null,
          anonymised_at = ${atIso}, updated_at = ${atIso}
        where id = ${id}`,
  );
  const statements: [string[], SQL][] = [
    [
      ['guardians.first_name', 'guardians.last_name', 'guardians.phone', 'guardians.email'],
      sql`update guardians set first_name = '', last_name = '', phone = null, email = null where student_id = ${id}`,
    ],
    [
      ['applications.signer_name', 'applications.withdrawal_reason', 'applications.document_ref'],
      sql`update applications set signer_name = '', withdrawal_reason = null, document_ref = null where student_id = ${id}`,
    ],
    [
      ['behaviour_notes.note'],
      sql`update behaviour_notes set note = '', note_hash = 'anonymised:' || id::text where student_id = ${id}`,
    ],
    [
      ['student_risks.justification'],
      sql`update student_risks set justification = '' where student_id = ${id}`,
    ],
    [
      ['plans.paused_reason', 'plans.evaluation'],
      sql`update plans set paused_reason = null,
            evaluation = case when evaluation is null then null else jsonb_set(evaluation, '{progress}', '""') end
          where student_id = ${id}`,
    ],
    [
      ['plan_versions.content'],
      sql`update plan_versions set content = '{"anonymised": true}'::jsonb
          where plan_id in (select id from plans where student_id = ${id})`,
    ],
    [
      ['plan_events.comment'],
      sql`update plan_events set comment = null where comment is not null and plan_id in (select id from plans where student_id = ${id})`,
    ],
    [
      ['plan_event_measure_comments.comment'],
      sql`update plan_event_measure_comments set comment = '' where plan_id in (select id from plans where student_id = ${id})`,
    ],
    [
      ['plan_goals.text', 'plan_goals.criterion'],
      sql`update plan_goals set text = '', criterion = '' where plan_id in (select id from plans where student_id = ${id})`,
    ],
    [
      ['plan_measures.description', 'plan_measures.justification'],
      sql`update plan_measures set description = '', justification = '' where plan_id in (select id from plans where student_id = ${id})`,
    ],
    [['case_notes.text'], sql`update case_notes set text = '' where student_id = ${id}`],
    [
      ['case_note_revisions.text'],
      sql`update case_note_revisions set text = '' where note_id in (select id from case_notes where student_id = ${id})`,
    ],
    [
      ['referrals.reason', 'referrals.shared_data', 'referrals.response'],
      sql`update referrals set reason = '', shared_data = '{}'::jsonb, response = null where student_id = ${id}`,
    ],
    [['student_moves.reason'], sql`update student_moves set reason = null where student_id = ${id}`],
    // Leaving education needs a reason (a check constraint): the free text becomes a dash.
    [
      ['student_outcomes.reason'],
      sql`update student_outcomes
          set reason = case when outcome = 'left_education' then '—' else null end
          where student_id = ${id} and reason is not null`,
    ],
    [['over_cap_decisions.reason'], sql`update over_cap_decisions set reason = '' where student_id = ${id}`],
    [
      ['economic_payments.recipient'],
      sql`update economic_payments set recipient = '' where student_id = ${id}`,
    ],
    [['tasks.title'], sql`update tasks set title = '' where student_id = ${id} and title is not null`],
    [['student_pins.pin_hash'], sql`delete from student_pins where student_id = ${id}`],
  ];
  for (const [columns, statement] of statements) await run(tx, c, columns, statement);
  return c;
}

export interface ErasureLogRow {
  id: string;
  student_id: string;
  org_id: string;
  org_name: string;
  erased_at: string | Date;
  erased_by: string | null;
  erased_by_name: string | null;
  trigger: 'request' | 'retention';
  reason: string;
  cleared: Cleared | string;
}

/** Writes the student's erasure log row; null when the student has one already (a double click). */
export async function insertErasureLog(
  tx: Db,
  v: {
    studentId: string;
    orgId: string;
    at: Date;
    by: string | null;
    trigger: string;
    reason: string;
    cleared: Cleared;
    requestId: string | null;
  },
): Promise<string | null> {
  const rows = await queryRows<{ id: string }>(
    tx,
    sql`insert into erasure_log (student_id, org_id, erased_at, erased_by, trigger, reason, cleared, request_id)
        values (${v.studentId}, ${v.orgId}, ${v.at.toISOString()}, ${v.by}, ${v.trigger}, ${v.reason},
                ${JSON.stringify(v.cleared)}::jsonb, ${v.requestId})
        on conflict (student_id) do nothing returning id`,
  );
  return rows[0]?.id ?? null;
}

const logColumns = sql`l.id, l.student_id, l.org_id, o.name as org_name, l.erased_at, l.erased_by,
  case when u.id is null then null else u.first_name || ' ' || u.last_name end as erased_by_name,
  l.trigger, l.reason, l.cleared`;

/** The erasure log row of one student. */
export async function findErasureOf(tx: Db, studentId: string): Promise<ErasureLogRow | null> {
  const rows = await queryRows<ErasureLogRow>(
    tx,
    sql`select ${logColumns} from erasure_log l join organisations o on o.id = l.org_id
          left join users u on u.id = l.erased_by where l.student_id = ${studentId}`,
  );
  return rows[0] ?? null;
}

/** The newest erasures of organisations under the given paths. */
export async function findErasures(tx: Db, paths: string[], limit: number): Promise<ErasureLogRow[]> {
  if (paths.length === 0) return [];
  return queryRows<ErasureLogRow>(
    tx,
    sql`select ${logColumns} from erasure_log l join organisations o on o.id = l.org_id
          left join users u on u.id = l.erased_by
        where ${pathInScope(sql`o.path`, paths)}
        order by l.erased_at desc, l.id desc limit ${limit}`,
  );
}

/** Deletes expired technical rows: old import files and notifications long done or read. */
export async function deleteExpiredTechnicalRows(
  tx: Db,
  at: Date,
  s: RetentionSettings,
): Promise<{ importFiles: number; notifications: number }> {
  const day = 24 * 3_600_000;
  const importsBefore = new Date(at.getTime() - s.importDays * day).toISOString();
  const notesBefore = new Date(at.getTime() - s.notificationDays * day).toISOString();
  const count = (r: unknown) =>
    Number(
      (r as { rowCount?: number; affectedRows?: number }).rowCount ??
        (r as { affectedRows?: number }).affectedRows ??
        0,
    );
  const imports = await tx.execute(
    sql`delete from import_files where created_at < ${importsBefore} and status <> 'uploaded'`,
  );
  const notes = await tx.execute(
    sql`delete from notifications where coalesce(done_at, read_at) < ${notesBefore}`,
  );
  return { importFiles: count(imports), notifications: count(notes) };
}
