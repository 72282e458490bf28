import { index, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from './foundation.ts';
import { students } from './students.ts';

/**
 * One row per anonymised student (migration 0038): who (null: the retention job), when, why (a
 * category), the student's school at the time and which columns were cleared — never the values.
 */
export const erasureLog = pgTable(
  'erasure_log',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    erasedAt: timestamp('erased_at', { withTimezone: true }).notNull(),
    erasedBy: uuid('erased_by').references(() => users.id),
    trigger: text('trigger').notNull(),
    reason: text('reason').notNull(),
    cleared: jsonb('cleared').notNull(),
    requestId: text('request_id'),
  },
  (t) => [
    uniqueIndex('erasure_log_student_uq').on(t.studentId),
    index('erasure_log_erased_at_idx').on(t.erasedAt.desc(), t.id.desc()),
  ],
);
