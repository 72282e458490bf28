import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations } from './foundation.ts';
import { students } from './students.ts';

/** School semesters, set nationally: the unit of plans, risk records and indicators. */
export const semesters = pgTable(
  'semesters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    schoolYear: integer('school_year').notNull(),
    number: smallint('number').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
  },
  (t) => [uniqueIndex('semesters_uq').on(t.schoolYear, t.number)],
);

/** A risk in the catalogue; its wording lives in versions, so old records keep the words they were made with. */
export const riskItems = pgTable(
  'risk_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    riskType: text('risk_type').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    /** Family and health risks: the detail is shown only to roles that need it. */
    sensitive: boolean('sensitive').notNull().default(false),
    /** 'programme': one of the 19 risks the programme published (domain-notes §10); 'added': added in Pumpurs. */
    source: text('source').notNull().default('added'),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('risk_items_code_uq').on(t.code),
    check('risk_items_source_ck', sql`${t.source} in ('programme', 'added')`),
  ],
);

export const riskItemVersions = pgTable(
  'risk_item_versions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => riskItems.id),
    version: integer('version').notNull(),
    nameLv: text('name_lv').notNull(),
    nameEn: text('name_en').notNull(),
    descriptionLv: text('description_lv').notNull().default(''),
    descriptionEn: text('description_en').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('risk_item_versions_uq').on(t.itemId, t.version)],
);

/** A risk found for a student in a semester, with the justification, who found it and when. */
export const studentRisks = pgTable(
  'student_risks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id),
    semesterId: uuid('semester_id')
      .notNull()
      .references(() => semesters.id),
    riskVersionId: uuid('risk_version_id')
      .notNull()
      .references(() => riskItemVersions.id),
    /** The catalogue item of the version: one active record per student, item and semester. */
    riskItemId: uuid('risk_item_id')
      .notNull()
      .references(() => riskItems.id),
    justification: text('justification').notNull(),
    foundOn: date('found_on').notNull(),
    foundBy: uuid('found_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    removedBy: uuid('removed_by'),
  },
  (t) => [
    index('student_risks_student_idx').on(t.studentId, t.semesterId),
    uniqueIndex('student_risks_active_uq')
      .on(t.studentId, t.semesterId, t.riskItemId)
      .where(sql`${t.removedAt} is null`),
  ],
);

/** Early-warning thresholds; a municipality's row overrides the national one (org = nation). */
export const flagThresholds = pgTable('flag_thresholds', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organisations.id),
  unjustifiedLessons: integer('unjustified_lessons').notNull(),
  lowMarks: integer('low_marks').notNull(),
  averageDrop: numeric('average_drop', { precision: 4, scale: 2 }).notNull(),
  behaviourNotes: integer('behaviour_notes').notNull(),
  attendanceRate: numeric('attendance_rate', { precision: 4, scale: 3 }).notNull(),
  lessonsPerDay: integer('lessons_per_day').notNull(),
  /** Flags switched off; null inherits the nation's, else the default (migration 0034). */
  disabledFlags: text('disabled_flags').array(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid('updated_by'),
});
