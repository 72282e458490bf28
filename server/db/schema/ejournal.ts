import {
  bigint,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations } from './foundation.ts';
import { semesters } from './risks.ts';
import { students } from './students.ts';

/**
 * Absences from the e-journal: one row per lesson (lesson_no ≥ 1) or per day (lesson_no = 0,
 * `lessons` missed that day). Re-importing the same file updates in place.
 */
export const attendance = pgTable(
  'attendance',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    // The student must exist: checked once per statement by triggers (migration 0031), not by a
    // foreign key that queried students once per row of an import.
    studentId: uuid('student_id').notNull(),
    onDate: date('on_date').notNull(),
    lessonNo: smallint('lesson_no').notNull().default(0),
    lessons: smallint('lessons').notNull().default(1),
    subject: text('subject'),
    reason: text('reason').notNull(),
    source: text('source').notNull().default('import'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('attendance_uq').on(t.studentId, t.onDate, t.lessonNo)],
);

/** Marks: 1–10, or `nv` (not assessed) / `ns` (not counted); `value` is null for the letter marks. */
export const marks = pgTable(
  'marks',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id),
    subject: text('subject').notNull(),
    onDate: date('on_date').notNull(),
    mark: text('mark').notNull(),
    value: smallint('value'),
    source: text('source').notNull().default('import'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('marks_uq').on(t.studentId, t.subject, t.onDate)],
);

/** Behaviour records from the e-journal (negative remarks count towards the flag). */
export const behaviourNotes = pgTable(
  'behaviour_notes',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id),
    onDate: date('on_date').notNull(),
    kind: text('kind').notNull(),
    note: text('note').notNull(),
    noteHash: text('note_hash').notNull(),
    source: text('source').notNull().default('import'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('behaviour_notes_uq').on(t.studentId, t.onDate, t.noteHash)],
);

/**
 * Indicators of a student in a semester, recomputed in SQL from the records above whenever they
 * change (import or entry), so the watch list reads one row per student.
 */
export const studentIndicators = pgTable(
  'student_indicators',
  {
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id),
    semesterId: uuid('semester_id')
      .notNull()
      .references(() => semesters.id),
    schoolId: uuid('school_id').notNull(),
    unjustifiedLessons: integer('unjustified_lessons').notNull(),
    justifiedLessons: integer('justified_lessons').notNull(),
    otherLessons: integer('other_lessons').notNull(),
    presentLessons: integer('present_lessons').notNull().default(0),
    lowMarks: integer('low_marks').notNull(),
    markAverage: numeric('mark_average', { precision: 4, scale: 2 }),
    previousAverage: numeric('previous_average', { precision: 4, scale: 2 }),
    behaviourNotes: integer('behaviour_notes').notNull(),
    /** The day the unjustified lessons passed 20 (the legal duty to inform the municipality). */
    legalDutyCrossedOn: date('legal_duty_crossed_on'),
    lastRecordOn: date('last_record_on'),
    /** The student's latest attendance record in the semester (the school's coverage, migration 0034). */
    lastAttendanceOn: date('last_attendance_on'),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
    /** How many flags the indicators raise against the thresholds in force (migration 0025). */
    flagCount: smallint('flag_count').notNull().default(0),
  },
  (t) => [
    uniqueIndex('student_indicators_pk').on(t.studentId, t.semesterId),
    index('student_indicators_school_idx').on(t.schoolId, t.semesterId),
  ],
);

/**
 * A row says the semester's stored flag counts are current (migration 0034; 0025 kept a day count):
 * a student moving school deletes it, and the job `indicators.flag-days` recounts the semester.
 */
export const indicatorFlagDays = pgTable('indicator_flag_days', {
  semesterId: uuid('semester_id')
    .primaryKey()
    .references(() => semesters.id),
  computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * How far a school's e-journal reaches in a semester: its latest attendance record and the school
 * days from the semester start to it, the lessons held for the attendance rate (migration 0034).
 */
export const journalCoverage = pgTable(
  'journal_coverage',
  {
    semesterId: uuid('semester_id')
      .notNull()
      .references(() => semesters.id),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => organisations.id),
    coveredTo: date('covered_to').notNull(),
    schoolDays: integer('school_days').notNull(),
  },
  (t) => [primaryKey({ columns: [t.semesterId, t.schoolId] })],
);

/** The school's record that it informed the municipality of more than 20 unjustified lessons. */
export const legalDutyNotices = pgTable(
  'legal_duty_notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id),
    semesterId: uuid('semester_id')
      .notNull()
      .references(() => semesters.id),
    informedOn: date('informed_on').notNull(),
    informedBy: uuid('informed_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('legal_duty_notices_uq').on(t.studentId, t.semesterId)],
);
