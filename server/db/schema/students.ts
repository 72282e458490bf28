import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, users } from './foundation.ts';

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * A student. `personal_code` is the normalised 11-digit code, unique nationally; `school_id` is
 * the current school, the only one that sees the record.
 */
export const students = pgTable(
  'students',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personalCode: text('personal_code').notNull(),
    personalCodeWarning: boolean('personal_code_warning').notNull().default(false),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    birthDate: date('birth_date'),
    gender: text('gender'),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => organisations.id),
    grade: smallint('grade'),
    course: smallint('course'),
    classLabel: text('class_label').notNull(),
    status: text('status').notNull().default('enrolled'),
    statusDate: date('status_date'),
    statusReason: text('status_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** When the student was anonymised (retention ran out, or erasure on request): migration 0038. */
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('students_personal_code_uq').on(t.personalCode),
    index('students_code_prefix_idx').on(t.personalCode.op('text_pattern_ops')),
    index('students_school_name_idx').on(t.schoolId, t.lastName, t.firstName),
    index('students_school_class_idx').on(t.schoolId, t.classLabel),
    index('students_school_lower_last_idx').on(t.schoolId, sql`lower(${t.lastName}) text_pattern_ops`),
  ],
);

/** Staff who work with a student (teacher, specialist, plan preparer); they see only these students. */
export const studentAssignments = pgTable(
  'student_assignments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    uniqueIndex('student_assignments_uq').on(t.studentId, t.userId),
    index('student_assignments_user_idx').on(t.userId),
  ],
);

export const guardians = pgTable(
  'guardians',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    relation: text('relation').notNull(),
    phone: text('phone'),
    email: text('email'),
    language: text('language').notNull().default('lv'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('guardians_student_idx').on(t.studentId)],
);

/** Uploaded documents (application scans), kept in the database so every app instance can serve them. */
export const storedFiles = pgTable('stored_files', {
  id: uuid('id').primaryKey().defaultRandom(),
  fileName: text('file_name').notNull(),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  content: bytea('content').notNull(),
  orgId: uuid('org_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid('created_by'),
});

/** The signed application (consent) of a guardian or an adult student to take part. */
export const applications = pgTable(
  'applications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id),
    signedOn: date('signed_on').notNull(),
    signerType: text('signer_type').notNull(),
    guardianId: uuid('guardian_id').references(() => guardians.id),
    signerName: text('signer_name').notNull(),
    scope: text('scope').notNull(),
    documentRef: text('document_ref'),
    fileId: uuid('file_id').references(() => storedFiles.id),
    withdrawnOn: date('withdrawn_on'),
    withdrawalReason: text('withdrawal_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('applications_student_idx').on(t.studentId)],
);

/** A move between schools; the record follows the student. */
export const studentMoves = pgTable(
  'student_moves',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id),
    fromSchoolId: uuid('from_school_id')
      .notNull()
      .references(() => organisations.id),
    toSchoolId: uuid('to_school_id')
      .notNull()
      .references(() => organisations.id),
    movedOn: date('moved_on').notNull(),
    reason: text('reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('student_moves_student_idx').on(t.studentId)],
);

/** An uploaded class list waiting for mapping, preview and commit. */
export const importFiles = pgTable('import_files', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull(),
  schoolId: uuid('school_id')
    .notNull()
    .references(() => organisations.id),
  fileName: text('file_name').notNull(),
  content: bytea('content').notNull(),
  status: text('status').notNull().default('uploaded'),
  result: jsonb('result'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  createdBy: uuid('created_by'),
  rowCount: bigint('row_count', { mode: 'number' }),
});

/** The column mapping a school used last, per import kind. */
export const importMappings = pgTable(
  'import_mappings',
  {
    schoolId: uuid('school_id')
      .notNull()
      .references(() => organisations.id),
    kind: text('kind').notNull(),
    mapping: jsonb('mapping').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('import_mappings_uq').on(t.schoolId, t.kind)],
);

/**
 * The import running for a school (class list or e-journal), one at most: a row is taken before
 * the file is parsed and removed when the import ends; an instance that died leaves a row that
 * expires, so the school is not locked out for ever.
 */
export const importLocks = pgTable('import_locks', {
  schoolId: uuid('school_id')
    .primaryKey()
    .references(() => organisations.id),
  token: text('token').notNull(),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
});
