import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, users } from './foundation.ts';
import { plans } from './plans.ts';
import { students } from './students.ts';

/**
 * A task: made by hand (a title) or by the system (a kind and its params, put into words by the
 * client). Assigned to a user, or to a role at an organisation (every holder of the role there).
 */
export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organisations.id),
    assigneeUserId: uuid('assignee_user_id').references(() => users.id),
    assigneeRole: text('assignee_role'),
    title: text('title'),
    kind: text('kind'),
    params: jsonb('params').notNull().default({}),
    studentId: uuid('student_id').references(() => students.id),
    planId: uuid('plan_id').references(() => plans.id),
    dueOn: date('due_on').notNull(),
    status: text('status').notNull().default('open'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    doneBy: uuid('done_by').references(() => users.id),
    doneAutomatically: boolean('done_automatically').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** What condition made a system task; at most one open task per key. */
    systemKey: text('system_key'),
  },
  (t) => [
    uniqueIndex('tasks_open_system_key_uq').on(t.systemKey).where(sql`status = 'open'`),
    index('tasks_assignee_user_idx').on(t.assigneeUserId, t.status, t.dueOn),
    index('tasks_assignee_role_idx').on(t.orgId, t.assigneeRole, t.status),
    index('tasks_student_idx').on(t.studentId),
    index('tasks_system_key_idx').on(t.systemKey).where(sql`system_key is not null`),
    index('tasks_kind_open_idx').on(t.kind).where(sql`status = 'open'`),
  ],
);
