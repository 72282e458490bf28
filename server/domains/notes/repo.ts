import { sql } from 'drizzle-orm';
import { caseNoteRevisions, caseNotes } from '../../db/schema.ts';
import type { Db } from '../../platform/db.ts';
import { queryRows } from '../../platform/db.ts';
import { pathInScope } from '../../platform/scope-sql.ts';
import { type StudentScope, studentVisible } from '../students/index.ts';

// Case notes: the notes as they read now, their revisions, and the author's own latest notes.

/** A note with what the gate and a list need: its school's path and the author's name. */
export interface NoteRow {
  id: string;
  student_id: string;
  school_id: string;
  school_path: string;
  author_id: string;
  author_name: string;
  on_date: string;
  type: string;
  visibility: string;
  text: string;
  revision: number;
  created_at: string | Date;
  updated_at: string | Date;
}

const NOTE_COLUMNS = sql`n.id, n.student_id, n.school_id, o.path as school_path, n.author_id,
  u.first_name || ' ' || u.last_name as author_name, to_char(n.on_date, 'YYYY-MM-DD') as on_date,
  n.type, n.visibility, n.text, n.revision, n.created_at, n.updated_at`;

/** A student's notes, the latest day first (at most 1,000: a student's whole file). */
export async function findNotes(db: Db, studentId: string): Promise<NoteRow[]> {
  return queryRows<NoteRow>(
    db,
    sql`select ${NOTE_COLUMNS}
        from case_notes n join organisations o on o.id = n.school_id join users u on u.id = n.author_id
        where n.student_id = ${studentId}
        order by n.on_date desc, n.created_at desc, n.id desc
        limit 1000`,
  );
}

/** One note of a student; `lock` holds it for an edit (two edits at once get consecutive revisions). */
export async function findNote(
  db: Db,
  studentId: string,
  noteId: string,
  lock = false,
): Promise<NoteRow | null> {
  const [row] = await queryRows<NoteRow>(
    db,
    sql`select ${NOTE_COLUMNS}
        from case_notes n join organisations o on o.id = n.school_id join users u on u.id = n.author_id
        where n.student_id = ${studentId} and n.id = ${noteId}${lock ? sql` for update of n` : sql``}`,
  );
  return row ?? null;
}

export interface NoteValues {
  onDate: string;
  type: string;
  visibility: string;
  text: string;
}

/** Writes a new note and its first revision; returns its id. */
export async function insertNote(
  db: Db,
  v: NoteValues & { studentId: string; schoolId: string; authorId: string; at: Date },
): Promise<string> {
  const [row] = await db
    .insert(caseNotes)
    .values({
      studentId: v.studentId,
      schoolId: v.schoolId,
      authorId: v.authorId,
      onDate: v.onDate,
      type: v.type,
      visibility: v.visibility,
      text: v.text,
      revision: 1,
      createdAt: v.at,
      updatedAt: v.at,
    })
    .returning({ id: caseNotes.id });
  await db.insert(caseNoteRevisions).values({
    noteId: row.id,
    revision: 1,
    onDate: v.onDate,
    type: v.type,
    visibility: v.visibility,
    text: v.text,
    editedBy: v.authorId,
    editedAt: v.at,
  });
  return row.id;
}

/** Saves a note's next revision (the note row holds the latest, the revisions table every one). */
export async function saveRevision(
  db: Db,
  noteId: string,
  revision: number,
  v: NoteValues & { by: string; at: Date },
): Promise<void> {
  await queryRows(
    db,
    sql`update case_notes set on_date = ${v.onDate}, type = ${v.type}, visibility = ${v.visibility},
          text = ${v.text}, revision = ${revision}, updated_at = ${v.at.toISOString()}::timestamptz
        where id = ${noteId}`,
  );
  await db.insert(caseNoteRevisions).values({
    noteId,
    revision,
    onDate: v.onDate,
    type: v.type,
    visibility: v.visibility,
    text: v.text,
    editedBy: v.by,
    editedAt: v.at,
  });
}

export interface RevisionRow {
  revision: number;
  on_date: string;
  type: string;
  visibility: string;
  text: string;
  edited_by_name: string;
  edited_at: string | Date;
}

/** Every revision of a note, the latest first. */
export async function findRevisions(db: Db, noteId: string): Promise<RevisionRow[]> {
  return queryRows<RevisionRow>(
    db,
    sql`select r.revision, to_char(r.on_date, 'YYYY-MM-DD') as on_date, r.type, r.visibility, r.text,
          u.first_name || ' ' || u.last_name as edited_by_name, r.edited_at
        from case_note_revisions r join users u on u.id = r.edited_by
        where r.note_id = ${noteId}
        order by r.revision desc`,
  );
}

export interface MyNoteRow {
  id: string;
  student_id: string;
  student_name: string;
  on_date: string;
  type: string;
  visibility: string;
  revision: number;
  updated_at: string | Date;
}

/**
 * The author's latest notes on students the author still sees (the student scope) at schools the
 * author's note rights still cover (`notePaths`), most recently written or edited first.
 */
export async function findMyNotes(
  db: Db,
  authorId: string,
  scope: StudentScope,
  notePaths: string[],
  limit: number,
): Promise<MyNoteRow[]> {
  return queryRows<MyNoteRow>(
    db,
    sql`select n.id, n.student_id, students.first_name || ' ' || students.last_name as student_name,
          to_char(n.on_date, 'YYYY-MM-DD') as on_date, n.type, n.visibility, n.revision, n.updated_at
        from case_notes n
          join students on students.id = n.student_id
          join organisations on organisations.id = students.school_id
          join organisations ns on ns.id = n.school_id
        where n.author_id = ${authorId} and ${studentVisible(scope)} and ${pathInScope(sql`ns.path`, notePaths)}
        order by n.updated_at desc, n.id desc
        limit ${limit}`,
  );
}
