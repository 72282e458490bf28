import { type SQL, sql } from 'drizzle-orm';
import { SUBJECT_EXPORT_ROW_CAP, type SubjectSectionKey } from '../../../common/api/subject-access.ts';
import { type Db, queryRows } from '../../platform/db.ts';

/*
 * The one place with the export's SQL. It reads every table that holds data about a student directly
 * (a read-only copy for the data subject, decided once by the service's gate check), so a table no
 * other domain exposes cannot be forgotten; `SUBJECT_EXPORT_COVERAGE` names the section each table
 * lands in and the coverage test compares it with the database's own catalogue.
 *
 * Queries are written as plain text with `:sid` standing for the student's id (bound as a parameter).
 */

/** An instant as a UTC ISO string (the same on PGlite and PostgreSQL, whatever the driver returns). */
const iso = (col: string) => `to_char(${col} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** A staff member's name (staff names are part of the record: who wrote, sent, approved). */
const who = (col: string) => `(select u.first_name || ' ' || u.last_name from users u where u.id = ${col})`;
const org = (col: string) => `(select o.name from organisations o where o.id = ${col})`;
const sem = (col: string) =>
  `(select se.school_year || '/' || (se.school_year + 1) || '-' || se.number from semesters se where se.id = ${col})`;
const PLANS = `(select p.id from plans p where p.student_id = :sid)`;
const planCode = (col: string) => `(select p.code from plans p where p.id = ${col})`;

/** Every table that holds data about a student, and the export section that carries its rows. */
export const SUBJECT_EXPORT_COVERAGE: Record<string, SubjectSectionKey> = {
  students: 'student',
  guardians: 'guardians',
  applications: 'applications',
  student_assignments: 'assignedStaff',
  student_moves: 'moves',
  student_indicators: 'indicators',
  attendance: 'attendance',
  marks: 'marks',
  behaviour_notes: 'behaviourNotes',
  legal_duty_notices: 'legalDutyNotices',
  student_risks: 'risks',
  plans: 'plans',
  plan_versions: 'planVersions',
  plan_goals: 'planGoals',
  plan_risks: 'planRisks',
  plan_measures: 'planMeasures',
  plan_measure_providers: 'planMeasures',
  plan_measure_risks: 'planMeasures',
  plan_events: 'planEvents',
  plan_event_measure_comments: 'planEvents',
  plan_signed_files: 'planSignedFiles',
  planned_sessions: 'plannedSessions',
  session_participants: 'supportSessions',
  student_pins: 'pin',
  economic_payments: 'economicSupport',
  over_cap_decisions: 'overCapDecisions',
  timesheet_entries: 'timesheetLines',
  letters: 'letters',
  referrals: 'referrals',
  referral_events: 'referralEvents',
  case_notes: 'caseNotes',
  case_note_revisions: 'caseNoteRevisions',
  tasks: 'tasks',
  notifications: 'notifications',
  student_outcomes: 'outcomes',
  erasure_log: 'erasures',
};

/** Each section's query, newest first where rows have a time; `:sid` is the student's id. */
const QUERIES: Record<SubjectSectionKey, string> = {
  student: `select s.id, s.personal_code as "personalCode", s.personal_code_warning as "personalCodeWarning",
      s.first_name as "firstName", s.last_name as "lastName", s.birth_date::text as "birthDate", s.gender,
      ${org('s.school_id')} as school, s.grade, s.course, s.class_label as "classLabel", s.status,
      s.status_date::text as "statusDate", s.status_reason as "statusReason",
      ${iso('s.created_at')} as "createdAt", ${iso('s.updated_at')} as "updatedAt"
    from students s where s.id = :sid`,
  guardians: `select g.id, g.first_name as "firstName", g.last_name as "lastName", g.relation, g.phone, g.email,
      g.language, ${iso('g.created_at')} as "createdAt"
    from guardians g where g.student_id = :sid order by g.created_at, g.id`,
  applications: `select a.id, a.signed_on::text as "signedOn", a.signer_type as "signerType",
      (select g.first_name || ' ' || g.last_name from guardians g where g.id = a.guardian_id) as guardian,
      a.signer_name as "signerName", a.scope, a.document_ref as "documentRef", a.file_id::text as "fileId",
      a.withdrawn_on::text as "withdrawnOn", a.withdrawal_reason as "withdrawalReason",
      ${iso('a.created_at')} as "createdAt", ${who('a.created_by')} as "createdBy"
    from applications a where a.student_id = :sid order by a.signed_on desc, a.id`,
  assignedStaff: `select ${who('sa.user_id')} as staff, ${iso('sa.created_at')} as since, ${who('sa.created_by')} as "assignedBy"
    from student_assignments sa where sa.student_id = :sid order by sa.created_at, sa.id`,
  moves: `select m.moved_on::text as "movedOn", ${org('m.from_school_id')} as "fromSchool", ${org('m.to_school_id')} as "toSchool",
      m.reason, ${iso('m.created_at')} as "createdAt", ${who('m.created_by')} as "createdBy"
    from student_moves m where m.student_id = :sid order by m.created_at desc, m.id`,
  indicators: `select ${sem('i.semester_id')} as semester, ${org('i.school_id')} as school,
      i.unjustified_lessons as "unjustifiedLessons", i.justified_lessons as "justifiedLessons",
      i.other_lessons as "otherLessons", i.present_lessons as "presentLessons", i.low_marks as "lowMarks",
      i.mark_average::float8 as "markAverage", i.previous_average::float8 as "previousAverage",
      i.behaviour_notes as "behaviourNotes", i.legal_duty_crossed_on::text as "legalDutyCrossedOn",
      i.last_record_on::text as "lastRecordOn", i.flag_count as "flagCount", ${iso('i.computed_at')} as "computedAt"
    from student_indicators i where i.student_id = :sid order by i.computed_at desc`,
  attendance: `select a.on_date::text as "onDate", a.lesson_no as "lessonNo", a.lessons, a.subject, a.reason, a.source
    from attendance a where a.student_id = :sid order by a.on_date desc, a.lesson_no, a.id`,
  marks: `select m.on_date::text as "onDate", m.subject, m.mark, m.value, m.source
    from marks m where m.student_id = :sid order by m.on_date desc, m.subject, m.id`,
  behaviourNotes: `select b.on_date::text as "onDate", b.kind, b.note, b.source
    from behaviour_notes b where b.student_id = :sid order by b.on_date desc, b.id`,
  legalDutyNotices: `select ${sem('l.semester_id')} as semester, l.informed_on::text as "informedOn",
      ${who('l.informed_by')} as "informedBy", ${iso('l.created_at')} as "createdAt"
    from legal_duty_notices l where l.student_id = :sid order by l.informed_on desc`,
  risks: `select ${sem('r.semester_id')} as semester, ri.code, v.name_lv as name, r.justification,
      r.found_on::text as "foundOn", ${who('r.found_by')} as "foundBy", ${iso('r.removed_at')} as "removedAt",
      ${who('r.removed_by')} as "removedBy"
    from student_risks r join risk_item_versions v on v.id = r.risk_version_id join risk_items ri on ri.id = v.item_id
    where r.student_id = :sid order by r.found_on desc, r.id`,
  plans: `select p.id, p.code, ${org('p.school_id')} as school, ${sem('p.semester_id')} as semester,
      p.class_label as "classLabel", p.status, p.approval_level as "approvalLevel", p.version,
      p.revision_of as "revisionOf", ${who('p.preparer_id')} as preparer, ${who('p.supervisor_id')} as supervisor,
      p.paused_reason as "pausedReason", p.evaluation, ${iso('p.moved_out_at')} as "movedOutAt",
      ${iso('p.created_at')} as "createdAt", ${iso('p.updated_at')} as "updatedAt"
    from plans p where p.student_id = :sid order by p.created_at desc, p.id`,
  planVersions: `select ${planCode('v.plan_id')} as "planCode", v.version, ${iso('v.submitted_at')} as "submittedAt",
      ${who('v.submitted_by')} as "submittedBy", v.content
    from plan_versions v where v.plan_id in ${PLANS} order by v.submitted_at desc, v.version desc`,
  planGoals: `select ${planCode('g.plan_id')} as "planCode", g.position, g.text, g.criterion
    from plan_goals g where g.plan_id in ${PLANS} order by 1, g.position`,
  planRisks: `select ${planCode('pr.plan_id')} as "planCode", pr.position, ri.code as "riskCode", v.name_lv as "riskName"
    from plan_risks pr join student_risks r on r.id = pr.student_risk_id
      join risk_item_versions v on v.id = r.risk_version_id join risk_items ri on ri.id = v.item_id
    where pr.plan_id in ${PLANS} order by 1, pr.position`,
  planMeasures: `select ${planCode('m.plan_id')} as "planCode", m.position, m.kind, m.consultation_type as "consultationType",
      m.subject, m.planned_hours::float8 as "plannedHours", m.economic_category as "economicCategory",
      m.planned_cents as "plannedCents", m.other_type as "otherType", m.description, m.justification,
      (select array_agg(${who('mp.user_id')} order by mp.user_id) from plan_measure_providers mp
        where mp.plan_id = m.plan_id and mp.measure_id = m.id) as providers,
      (select array_agg(ri.code order by mr.position) from plan_measure_risks mr
        join student_risks r on r.id = mr.student_risk_id join risk_items ri on ri.id = r.risk_item_id
        where mr.plan_id = m.plan_id and mr.measure_id = m.id) as "riskCodes",
      ${iso('m.removed_at')} as "removedAt"
    from plan_measures m where m.plan_id in ${PLANS} order by 1, m.position`,
  planEvents: `select ${planCode('e.plan_id')} as "planCode", ${iso('e.at')} as at, ${who('e.actor_id')} as by,
      e.action, e.from_status as "fromStatus", e.to_status as "toStatus", e.level, e.version, e.comment,
      (select array_agg(c.comment order by c.position) from plan_event_measure_comments c where c.event_id = e.id)
        as "measureComments"
    from plan_events e where e.plan_id in ${PLANS} order by e.at desc, e.id desc`,
  planSignedFiles: `select ${planCode('f.plan_id')} as "planCode", f.kind, f.file_id::text as "fileId", f.sha256,
      ${who('f.uploaded_by')} as "uploadedBy", ${iso('f.uploaded_at')} as "uploadedAt"
    from plan_signed_files f where f.plan_id in ${PLANS} order by f.uploaded_at desc, f.id`,
  plannedSessions: `select ${planCode('ps.plan_id')} as "planCode", ${iso('ps.starts_at')} as "startsAt", ps.minutes,
      ps.mode, ps.room, ${who('ps.provider_id')} as provider, ps.status, ps.cancel_reason as "cancelReason"
    from planned_sessions ps where ps.plan_id in ${PLANS} order by ps.starts_at desc, ps.id`,
  // Only this student's participation: a group session's other participants are never read.
  supportSessions: `select ss.on_date::text as "onDate", ss.start_time as "startTime", ss.minutes, ss.mode,
      ${who('ss.provider_id')} as provider, ${planCode('sp.plan_id')} as "planCode",
      (select m.kind from plan_measures m where m.plan_id = sp.plan_id and m.id = sp.measure_id) as "measureKind",
      case when (select count(*) from session_participants o where o.session_id = ss.id) = 1 then ss.topic end as topic,
      (select count(*) from session_participants o where o.session_id = ss.id) > 1 as "groupSession",
      ${iso('sp.confirmed_at')} as "confirmedAt", sp.confirmed_via as "confirmedVia"
    from session_participants sp join support_sessions ss on ss.id = sp.session_id
    where sp.student_id = :sid order by ss.on_date desc, ss.start_time desc, sp.id`,
  // That a PIN was given, when and by whom; never the PIN or its hash.
  pin: `select ${iso('p.set_at')} as "setAt", ${who('p.set_by')} as "setBy", p.failed_attempts as "failedAttempts"
    from student_pins p where p.student_id = :sid`,
  economicSupport: `select ${planCode('e.plan_id')} as "planCode", e.on_date::text as "onDate", e.category,
      e.amount_cents as "amountCents", e.recipient, e.document_ref as "documentRef", e.file_id::text as "fileId",
      ${iso('e.created_at')} as "createdAt", ${who('e.created_by')} as "createdBy"
    from economic_payments e where e.student_id = :sid or e.plan_id in ${PLANS} order by e.on_date desc, e.id`,
  overCapDecisions: `select d.category, d.reason, ${org('d.school_id')} as school, ${who('d.decided_by')} as "decidedBy",
      ${iso('d.created_at')} as "createdAt"
    from over_cap_decisions d where d.student_id = :sid order by d.created_at desc, d.id`,
  // Hours only: the month, the kind and the minutes of the lines booked against the student's plans.
  timesheetLines: `select ${planCode('t.plan_id')} as "planCode", t.month, t.kind, t.minutes,
      round(t.minutes / 60.0, 2)::float8 as hours
    from timesheet_entries t where t.plan_id in ${PLANS} order by t.month desc, t.id`,
  letters: `select ${iso('l.sent_at')} as "sentAt", l.kind, l.language, l.method,
      g.first_name || ' ' || g.last_name as recipient, case when l.method = 'emailed' then g.email end as "recipientEmail",
      ${planCode('l.plan_id')} as "planCode", ${who('l.sent_by')} as "sentBy", ${org('l.school_id')} as school,
      l.file_id::text as "fileId"
    from letters l join guardians g on g.id = l.guardian_id where l.student_id = :sid order by l.sent_at desc, l.id`,
  referrals: `select r.code, ${iso('r.sent_at')} as "sentAt", o.name as partner, o.partner_kind as "partnerKind",
      ${planCode('r.plan_id')} as "planCode", r.reason, r.urgency, r.due_on::text as "dueOn", r.items,
      r.shared_data as "sharedData", r.status, r.response, r.response_file_id::text as "responseFileId",
      ${who('r.sent_by')} as "sentBy", ${org('r.school_id')} as school, ${iso('r.updated_at')} as "updatedAt"
    from referrals r join organisations o on o.id = r.partner_id where r.student_id = :sid order by r.sent_at desc, r.id`,
  referralEvents: `select r.code as "referralCode", ${iso('e.at')} as at, e.status, ${who('e.by_user')} as by
    from referral_events e join referrals r on r.id = e.referral_id where r.student_id = :sid order by e.at desc, e.id`,
  caseNotes: `select n.id, n.on_date::text as "onDate", n.type, n.visibility, n.text, ${who('n.author_id')} as author,
      n.revision, ${iso('n.created_at')} as "createdAt", ${iso('n.updated_at')} as "updatedAt"
    from case_notes n where n.student_id = :sid order by n.on_date desc, n.created_at desc, n.id`,
  caseNoteRevisions: `select v.note_id::text as "noteId", v.revision, v.on_date::text as "onDate", v.type, v.visibility,
      v.text, ${who('v.edited_by')} as "editedBy", ${iso('v.edited_at')} as "editedAt"
    from case_note_revisions v join case_notes n on n.id = v.note_id where n.student_id = :sid
    order by v.edited_at desc, v.revision desc`,
  tasks: `select t.title, t.kind, ${planCode('t.plan_id')} as "planCode", t.assignee_role as "assigneeRole",
      t.due_on::text as "dueOn", t.status, ${iso('t.done_at')} as "doneAt", ${iso('t.created_at')} as "createdAt"
    from tasks t where t.student_id = :sid or t.plan_id in ${PLANS} order by t.created_at desc, t.id`,
  notifications: `select ${planCode('n.plan_id')} as "planCode", n.kind, ${who('n.user_id')} as recipient,
      ${iso('n.created_at')} as "createdAt", ${iso('n.read_at')} as "readAt", ${iso('n.done_at')} as "doneAt"
    from notifications n where n.plan_id in ${PLANS} order by n.created_at desc, n.id`,
  outcomes: `select so.school_year as "schoolYear", ${org('so.school_id')} as school, so.outcome, so.reason, so.source,
      ${who('so.recorded_by')} as "recordedBy", ${iso('so.recorded_at')} as "recordedAt"
    from student_outcomes so where so.student_id = :sid order by so.school_year desc`,
  // The files' metadata, never their bytes.
  files: `select f.id::text as id, u.used_for as "usedFor", f.file_name as "fileName", f.content_type as "contentType",
      f.size, f.sha256, ${iso('f.created_at')} as "createdAt"
    from (select file_id, 'application' as used_for from applications where student_id = :sid
          union select file_id, 'letter' from letters where student_id = :sid
          union select response_file_id, 'referral_response' from referrals where student_id = :sid
          union select file_id, 'signed_plan' from plan_signed_files where plan_id in ${PLANS}
          union select file_id, 'payment' from economic_payments where student_id = :sid or plan_id in ${PLANS}) u
      join stored_files f on f.id = u.file_id
    order by f.created_at desc, f.id`,
  erasures: `select ${iso('e.erased_at')} as "erasedAt", e.trigger, e.reason, ${org('e.org_id')} as organisation, e.cleared
    from erasure_log e where e.student_id = :sid order by e.erased_at desc`,
  // The audit rows of the student and of every record about the student; the actor by roles, not name.
  auditTrail: `select ${iso('a.at')} as at, a.action, a.outcome, a.entity_type as "entityType",
      (select array_agg(distinct g.role order by g.role) from role_grants g where g.user_id = a.actor_id) as "actorRoles",
      ${org('a.org_id')} as organisation
    from audit_events a
    where (a.entity_type = 'student' and a.entity_id = :sid::text)
      or (a.entity_type = 'plan' and a.entity_id in (select id::text from ${PLANS} x))
      or (a.entity_type = 'guardian' and a.entity_id in (select id::text from guardians where student_id = :sid))
      or (a.entity_type = 'application' and a.entity_id in (select id::text from applications where student_id = :sid))
      or (a.entity_type = 'letter' and a.entity_id in (select id::text from letters where student_id = :sid))
      or (a.entity_type = 'referral' and a.entity_id in (select id::text from referrals where student_id = :sid))
      or (a.entity_type = 'note' and a.entity_id in (select id::text from case_notes where student_id = :sid))
      or (a.entity_type = 'task' and a.entity_id in (select id::text from tasks where student_id = :sid))
      or (a.entity_type = 'student_risk' and a.entity_id in (select id::text from student_risks where student_id = :sid))
      or (a.entity_type = 'payment' and a.entity_id in (select id::text from economic_payments where student_id = :sid))
      or (a.entity_type = 'student_assignment'
        and a.entity_id in (select id::text from student_assignments where student_id = :sid))
      or (a.entity_type = 'planned_session' and a.entity_id in (select id::text from planned_sessions where plan_id in ${PLANS}))
      or (a.entity_type = 'support_session'
        and a.entity_id in (select session_id::text from session_participants where student_id = :sid))
    order by a.at desc, a.id desc`,
};

/** A query's text with `:sid` bound as a parameter and a row cap one past the section's limit. */
function bound(text: string, studentId: string, limit: number): SQL {
  const parts = text.split(':sid').map((p) => sql.raw(p));
  return sql`${sql.join(parts, sql`${studentId}`)} limit ${limit}`;
}

/**
 * One section's rows, at most `SUBJECT_EXPORT_ROW_CAP` (newest first) and whether there were more.
 * Sections are read one at a time so that at most one section's rows are being built at once.
 */
export async function findSubjectSection(
  tx: Db,
  key: SubjectSectionKey,
  studentId: string,
): Promise<{ rows: Record<string, unknown>[]; truncated: boolean }> {
  const rows = await queryRows<Record<string, unknown>>(
    tx,
    bound(QUERIES[key], studentId, SUBJECT_EXPORT_ROW_CAP + 1),
  );
  const truncated = rows.length > SUBJECT_EXPORT_ROW_CAP;
  return { rows: truncated ? rows.slice(0, SUBJECT_EXPORT_ROW_CAP) : rows, truncated };
}

/** The roles the requesting user holds (for "who requested it"). */
export async function findUserRoles(tx: Db, userId: string): Promise<string[]> {
  const rows = await queryRows<{ role: string }>(
    tx,
    sql`select distinct role from role_grants where user_id = ${userId} order by role`,
  );
  return rows.map((r) => r.role);
}
