import {
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, users } from './foundation.ts';
import { plans } from './plans.ts';
import { guardians, storedFiles, students } from './students.ts';

/** The text of one kind of letter in one language, as the national admin last saved it. */
export const letterTemplates = pgTable(
  'letter_templates',
  {
    kind: text('kind').notNull(),
    language: text('language').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.language] })],
);

/** Every saved version of a template (the seeded text is version 1). */
export const letterTemplateVersions = pgTable(
  'letter_template_versions',
  {
    kind: text('kind').notNull(),
    language: text('language').notNull(),
    version: integer('version').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.language, t.version] })],
);

/** A letter sent to a guardian: who, when, how, and the PDF as generated. */
export const letters = pgTable(
  'letters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => organisations.id),
    kind: text('kind').notNull(),
    language: text('language').notNull(),
    guardianId: uuid('guardian_id')
      .notNull()
      .references(() => guardians.id),
    method: text('method').notNull(),
    planId: uuid('plan_id').references(() => plans.id),
    templateVersion: integer('template_version').notNull(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id),
    sentBy: uuid('sent_by')
      .notNull()
      .references(() => users.id),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    sentOn: date('sent_on').notNull(),
  },
  (t) => [
    index('letters_student_idx').on(t.studentId, t.sentAt.desc()),
    uniqueIndex('letters_once_a_day_uq').on(t.studentId, t.guardianId, t.kind, t.method, t.sentOn),
  ],
);
