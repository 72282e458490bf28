import { date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from './foundation.ts';
import { students } from './students.ts';

/** A case note on a student as it reads now (its latest revision); see migration 0023. */
export const caseNotes = pgTable(
  'case_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    studentId: uuid('student_id')
      .notNull()
      .references(() => students.id),
    /** The student's school when the note was written; the note stays with it. */
    schoolId: uuid('school_id')
      .notNull()
      .references(() => organisations.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    onDate: date('on_date').notNull(),
    type: text('type').notNull(),
    visibility: text('visibility').notNull(),
    text: text('text').notNull(),
    revision: integer('revision').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('case_notes_student_idx').on(t.studentId, t.onDate.desc(), t.createdAt.desc()),
    index('case_notes_author_idx').on(t.authorId, t.updatedAt.desc()),
  ],
);

/** Every version of a note, the first included: revision 1 is the note as first written. */
export const caseNoteRevisions = pgTable(
  'case_note_revisions',
  {
    noteId: uuid('note_id')
      .notNull()
      .references(() => caseNotes.id),
    revision: integer('revision').notNull(),
    onDate: date('on_date').notNull(),
    type: text('type').notNull(),
    visibility: text('visibility').notNull(),
    text: text('text').notNull(),
    editedBy: uuid('edited_by')
      .notNull()
      .references(() => users.id),
    editedAt: timestamp('edited_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.noteId, t.revision] })],
);
