import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations } from './foundation.ts';
import { students } from './students.ts';

/** A programme student's outcome at the end of a school year (migration 0032). */
export const studentOutcomes = pgTable(
  'student_outcomes',
  {
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id),
    schoolYear: integer('school_year').notNull(),
    /** The school whose programme student it was; the outcome stays with it when the student moves. */
    schoolId: uuid('school_id')
      .notNull()
      .references(() => organisations.id),
    outcome: text('outcome').notNull(),
    /** Why the student left education (required for `left_education`). */
    reason: text('reason'),
    source: text('source').notNull().default('entered'),
    recordedBy: uuid('recorded_by'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: 'student_outcomes_pk', columns: [t.studentId, t.schoolYear] }),
    index('student_outcomes_school_idx').on(t.schoolId, t.schoolYear),
    check(
      'student_outcomes_outcome_ck',
      sql`${t.outcome} in ('continues', 'moved_school', 'extended_year', 'repeats_year', 'graduated', 'left_education')`,
    ),
  ],
);

/**
 * The reporting read model (migration 0033): per period and organisation, each indicator's value per
 * key and the distinct students behind it. Filled by the `reports.refresh` job.
 */
export const reportFigures = pgTable(
  'report_figures',
  {
    /** A semester `2026-1` / `2026-2` or a school year `2026` (2026/27). */
    period: text('period').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    indicator: text('indicator').notNull(),
    key: text('key').notNull().default(''),
    value: numeric('value', { precision: 16, scale: 2 }).notNull(),
    students: integer('students'),
  },
  (t) => [primaryKey({ name: 'report_figures_pk', columns: [t.period, t.orgId, t.indicator, t.key] })],
);

/** When a period's figures were last computed, how long it took, and a pending refresh request. */
export const reportRefreshes = pgTable('report_refreshes', {
  period: text('period').primaryKey(),
  refreshedAt: timestamp('refreshed_at', { withTimezone: true }),
  durationMs: integer('duration_ms'),
  requestedAt: timestamp('requested_at', { withTimezone: true }),
});
