import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, users } from './foundation.ts';
import { planMeasures, plans } from './plans.ts';
import { students } from './students.ts';

/** A consultation or session a provider (teacher or specialist) held; one or more students took part. */
export const supportSessions = pgTable(
  'support_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => organisations.id),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => users.id),
    onDate: date('on_date').notNull(),
    startTime: text('start_time').notNull(),
    minutes: integer('minutes').notNull(),
    mode: text('mode').notNull(),
    topic: text('topic').notNull(),
    /** SHA-256 of the link token a remote session's students confirm with. */
    remoteTokenHash: text('remote_token_hash'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('support_sessions_provider_idx').on(t.providerId, t.onDate),
    uniqueIndex('support_sessions_token_uq').on(t.remoteTokenHash),
  ],
);

/** A student in a session, against one measure of the student's plan, and the student's confirmation. */
export const sessionParticipants = pgTable(
  'session_participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => supportSessions.id),
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    measureId: uuid('measure_id').notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedVia: text('confirmed_via'),
  },
  (t) => [
    uniqueIndex('session_participants_uq').on(t.sessionId, t.studentId),
    index('session_participants_plan_idx').on(t.planId, t.measureId),
    foreignKey({ columns: [t.planId, t.measureId], foreignColumns: [planMeasures.planId, planMeasures.id] }),
  ],
);

/** The confirmation PIN the school gives a student (no personal code needed on a shared tablet). */
export const studentPins = pgTable('student_pins', {
  studentId: uuid('student_id')
    .primaryKey()
    .references(() => students.id),
  pinHash: text('pin_hash').notNull(),
  failedAttempts: integer('failed_attempts').notNull().default(0),
  setAt: timestamp('set_at', { withTimezone: true }).notNull().defaultNow(),
  setBy: uuid('set_by'),
});

/**
 * Failed remote confirmations (unknown link, not a participant, wrong PIN), per IP and per link,
 * so the public confirmation endpoint is rate-limited across app instances.
 */
export const confirmationAttempts = pgTable(
  'confirmation_attempts',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    ip: text('ip').notNull(),
    tokenHash: text('token_hash').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('confirmation_attempts_ip_idx').on(t.ip, t.at),
    index('confirmation_attempts_token_idx').on(t.tokenHash, t.at),
  ],
);

/** Paid hours besides sessions (plan preparation and supervision) and corrections after sign-off. */
export const timesheetEntries = pgTable(
  'timesheet_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => organisations.id),
    month: text('month').notNull(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    planId: uuid('plan_id').references(() => plans.id),
    minutes: integer('minutes').notNull(),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('timesheet_entries_school_month_idx').on(t.schoolId, t.month)],
);

/** A school's month signed off by its coordinator: from then on the month is locked. */
export const timesheetSignoffs = pgTable(
  'timesheet_signoffs',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => organisations.id),
    month: text('month').notNull(),
    signedAt: timestamp('signed_at', { withTimezone: true }).notNull().defaultNow(),
    signedBy: uuid('signed_by'),
  },
  (t) => [uniqueIndex('timesheet_signoffs_pk').on(t.schoolId, t.month)],
);

/**
 * A school's allocation for a semester: `category` is 'consultation' (amount in minutes) or an
 * economic category (amount in cents).
 */
export const supportBudgets = pgTable(
  'support_budgets',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => organisations.id),
    semesterId: uuid('semester_id').notNull(),
    category: text('category').notNull(),
    amount: integer('amount').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [uniqueIndex('support_budgets_pk').on(t.schoolId, t.semesterId, t.category)],
);

/** National per-student caps per support type and semester (Cabinet Regulation No. 460; set by the national admin). */
export const supportCaps = pgTable('support_caps', {
  category: text('category').primaryKey(),
  amount: integer('amount').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});

/** A coordinator's recorded decision to go beyond a cap or budget, with the reason. */
export const overCapDecisions = pgTable('over_cap_decisions', {
  id: uuid('id').primaryKey().defaultRandom(),
  schoolId: uuid('school_id').notNull(),
  studentId: uuid('student_id').notNull(),
  category: text('category').notNull(),
  reason: text('reason').notNull(),
  decidedBy: uuid('decided_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** An economic support payment or purchase against a plan measure (integer cents). */
export const economicPayments = pgTable(
  'economic_payments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    measureId: uuid('measure_id').notNull(),
    studentId: uuid('student_id').notNull(),
    schoolId: uuid('school_id').notNull(),
    semesterId: uuid('semester_id').notNull(),
    onDate: date('on_date').notNull(),
    category: text('category').notNull(),
    amountCents: integer('amount_cents').notNull(),
    recipient: text('recipient').notNull(),
    documentRef: text('document_ref').notNull(),
    overCapDecisionId: uuid('over_cap_decision_id'),
    /** The receipt or invoice scan (stored_files). */
    fileId: uuid('file_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    index('economic_payments_plan_idx').on(t.planId),
    foreignKey({ columns: [t.planId, t.measureId], foreignColumns: [planMeasures.planId, planMeasures.id] }),
    index('economic_payments_budget_idx').on(t.schoolId, t.semesterId, t.category),
  ],
);

/**
 * A consultation planned ahead on a measure (migration 0018): one-off or one of a weekly series.
 * It ends cancelled (with the reason) or recorded (pointing at the support session it became).
 */
export const plannedSessions = pgTable(
  'planned_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => organisations.id),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id),
    measureId: uuid('measure_id').notNull(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => users.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    minutes: integer('minutes').notNull(),
    mode: text('mode').notNull(),
    /** The room of an in-person session; null when remote. */
    room: text('room'),
    seriesId: uuid('series_id'),
    status: text('status').notNull().default('planned'),
    cancelReason: text('cancel_reason'),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    cancelledBy: uuid('cancelled_by').references(() => users.id),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    sessionId: uuid('session_id').references(() => supportSessions.id),
  },
  (t) => [
    uniqueIndex('planned_sessions_slot_uq').on(t.providerId, t.startsAt).where(sql`status <> 'cancelled'`),
    uniqueIndex('planned_sessions_session_uq').on(t.sessionId),
    index('planned_sessions_school_idx').on(t.schoolId, t.startsAt),
    index('planned_sessions_plan_idx').on(t.planId, t.measureId),
    index('planned_sessions_series_idx').on(t.seriesId),
    foreignKey({
      name: 'planned_sessions_measure_fk',
      columns: [t.planId, t.measureId],
      foreignColumns: [planMeasures.planId, planMeasures.id],
    }),
  ],
);

/** A provider's iCalendar feed: only the SHA-256 of the secret token in its address. */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id),
    tokenHash: text('token_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('calendar_feeds_token_uq').on(t.tokenHash)],
);
