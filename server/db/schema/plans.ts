import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, users } from './foundation.ts';
import { semesters, studentRisks } from './risks.ts';
import { storedFiles, students } from './students.ts';

/**
 * An individual support plan: one per student per semester. Its editable content lives in
 * plan_risks, plan_goals, plan_measures (with their providers and risks); every submitted version
 * is frozen as JSON in plan_versions.
 */
export const plans = pgTable(
  'plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => organisations.id),
    semesterId: uuid('semester_id')
      .notNull()
      .references(() => semesters.id),
    status: text('status').notNull().default('draft'),
    approvalLevel: text('approval_level'),
    levelSince: timestamp('level_since', { withTimezone: true }),
    /** The status the plan returns to after a revision is approved (approved or in_progress). */
    revisionOf: text('revision_of'),
    version: integer('version').notNull().default(0),
    /** The staff member supervising the plan (part of the content: `supervisorId`). */
    supervisorId: uuid('supervisor_id').references(() => users.id),
    preparerId: uuid('preparer_id').references(() => users.id),
    pausedReason: text('paused_reason'),
    evaluation: jsonb('evaluation'),
    copiedFromPlanId: uuid('copied_from_plan_id'),
    /** The student's class at the plan's school (kept when the student moves on). */
    classLabel: text('class_label'),
    /** When the student moved away from the plan's school: the plan then stays there, read-only. */
    movedOutAt: timestamp('moved_out_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('plans_code_uq').on(t.code),
    uniqueIndex('plans_student_semester_uq')
      .on(t.studentId, t.semesterId)
      .where(sql`status <> 'deleted' AND moved_out_at IS NULL`),
    index('plans_queue_idx').on(t.status, t.approvalLevel, t.levelSince),
    index('plans_school_idx').on(t.schoolId, t.semesterId),
  ],
);

/** The student's risks the plan addresses, in the order the plan lists them. */
export const planRisks = pgTable(
  'plan_risks',
  {
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    studentRiskId: uuid('student_risk_id')
      .notNull()
      .references(() => studentRisks.id),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.planId, t.studentRiskId] })],
);

/** The plan's goals, in order. Ids come from the editor and are unique within the plan. */
export const planGoals = pgTable(
  'plan_goals',
  {
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    id: uuid('id').notNull(),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    criterion: text('criterion').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.planId, t.id] })],
);

/**
 * The plan's support measures, in order, keyed by (plan, id): ids come from the editor, so only the
 * pair is unique. A measure a later edit removed while sessions, payments or return comments point
 * at it stays as a row with `removed_at` set (and no position); it is no longer part of the content.
 */
export const planMeasures = pgTable(
  'plan_measures',
  {
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    id: uuid('id').notNull(),
    position: integer('position'),
    kind: text('kind').notNull(),
    consultationType: text('consultation_type'),
    subject: text('subject'),
    plannedHours: numeric('planned_hours', { precision: 6, scale: 1 }),
    economicCategory: text('economic_category'),
    plannedCents: integer('planned_cents'),
    otherType: text('other_type'),
    description: text('description').notNull().default(''),
    justification: text('justification').notNull(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.planId, t.id] }),
    check('plan_measures_kind_ck', sql`${t.kind} in ('consultation', 'economic', 'other')`),
    check(
      'plan_measures_consultation_ck',
      sql`${t.kind} <> 'consultation' or (${t.consultationType} is not null and ${t.plannedHours} is not null and (${t.consultationType} <> 'subject' or ${t.subject} is not null))`,
    ),
    check(
      'plan_measures_economic_ck',
      sql`${t.kind} <> 'economic' or (${t.economicCategory} is not null and ${t.plannedCents} is not null)`,
    ),
    check('plan_measures_other_ck', sql`${t.kind} <> 'other' or ${t.otherType} is not null`),
    check(
      'plan_measures_consultation_type_ck',
      sql`${t.consultationType} is null or ${t.consultationType} in ('subject', 'psychologist', 'social_pedagogue', 'speech_therapist', 'special_educator', 'teacher_assistant', 'sign_language_interpreter', 'occupational_therapist')`,
    ),
    check(
      'plan_measures_economic_category_ck',
      sql`${t.economicCategory} is null or ${t.economicCategory} in ('transport', 'accommodation', 'meals', 'study_materials', 'personal_items')`,
    ),
    check(
      'plan_measures_other_type_ck',
      sql`${t.otherType} is null or ${t.otherType} in ('mentoring', 'youth_initiative')`,
    ),
    check('plan_measures_hours_ck', sql`${t.plannedHours} is null or ${t.plannedHours} > 0`),
    check('plan_measures_cents_ck', sql`${t.plannedCents} is null or ${t.plannedCents} > 0`),
    check('plan_measures_position_ck', sql`(${t.removedAt} is null) = (${t.position} is not null)`),
    index('plan_measures_plan_idx').on(t.planId, t.position),
  ],
);

/** Who provides a measure (today one provider per measure; the table allows several). */
export const planMeasureProviders = pgTable(
  'plan_measure_providers',
  {
    planId: uuid('plan_id').notNull(),
    measureId: uuid('measure_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [
    primaryKey({ columns: [t.planId, t.measureId, t.userId] }),
    foreignKey({
      columns: [t.planId, t.measureId],
      foreignColumns: [planMeasures.planId, planMeasures.id],
    }).onDelete('cascade'),
    index('plan_measure_providers_user_idx').on(t.userId),
  ],
);

/** The plan's risks a measure addresses, in order (a risk leaving the plan leaves its measures too). */
export const planMeasureRisks = pgTable(
  'plan_measure_risks',
  {
    planId: uuid('plan_id').notNull(),
    measureId: uuid('measure_id').notNull(),
    studentRiskId: uuid('student_risk_id').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.planId, t.measureId, t.studentRiskId] }),
    foreignKey({
      columns: [t.planId, t.measureId],
      foreignColumns: [planMeasures.planId, planMeasures.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.planId, t.studentRiskId],
      foreignColumns: [planRisks.planId, planRisks.studentRiskId],
    }).onDelete('cascade'),
  ],
);

export const planVersions = pgTable(
  'plan_versions',
  {
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    version: integer('version').notNull(),
    content: jsonb('content').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    submittedBy: uuid('submitted_by'),
  },
  (t) => [uniqueIndex('plan_versions_pk').on(t.planId, t.version)],
);

/** Every transition of a plan, with who, when, the approval level and any comment. */
export const planEvents = pgTable(
  'plan_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    level: text('level'),
    version: integer('version'),
    comment: text('comment'),
  },
  (t) => [index('plan_events_plan_idx').on(t.planId, t.at)],
);

/** A returning approver's comments on single measures, in the order given. */
export const planEventMeasureComments = pgTable(
  'plan_event_measure_comments',
  {
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => planEvents.id),
    position: integer('position').notNull(),
    planId: uuid('plan_id').notNull(),
    measureId: uuid('measure_id').notNull(),
    comment: text('comment').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.position] }),
    foreignKey({ columns: [t.planId, t.measureId], foreignColumns: [planMeasures.planId, planMeasures.id] }),
  ],
);

/** The sequence behind readable plan codes (IAP-2026-1-000123). */
export const planCodeCounters = pgTable('plan_code_counters', {
  semesterId: uuid('semester_id')
    .primaryKey()
    .references(() => semesters.id),
  last: integer('last').notNull(),
});

/** In-app notifications (next approver, preparer, due reminders). */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    planId: uuid('plan_id').references(() => plans.id),
    params: jsonb('params').notNull(),
    /** Makes a reminder idempotent across app instances. */
    dedupeKey: text('dedupe_key'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
    /** When a later move of the plan answered what the notification asked (approved by someone else, returned, ended). */
    doneAt: timestamp('done_at', { withTimezone: true }),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    uniqueIndex('notifications_dedupe_uq').on(t.dedupeKey),
  ],
);

/** The signed plan: scans or e-signature containers (.edoc/.asice), stored as uploaded. */
export const planSignedFiles = pgTable(
  'plan_signed_files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id),
    /** 'scan' (PDF/JPEG/PNG) or 'container' (ASiC-E: .edoc/.asice). */
    kind: text('kind').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('plan_signed_files_same_uq').on(t.planId, t.sha256),
    check('plan_signed_files_kind_ck', sql`${t.kind} in ('scan', 'container')`),
  ],
);
