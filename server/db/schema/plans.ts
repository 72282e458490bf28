import { sql } from 'drizzle-orm';
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, users } from './foundation.ts';
import { semesters } from './risks.ts';
import { students } from './students.ts';

/**
 * An individual support plan: one per student per semester. `content` is the editable draft;
 * every submitted version is frozen in plan_versions.
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
    content: jsonb('content').notNull(),
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
    measureComments: jsonb('measure_comments'),
  },
  (t) => [index('plan_events_plan_idx').on(t.planId, t.at)],
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
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    uniqueIndex('notifications_dedupe_uq').on(t.dedupeKey),
  ],
);
