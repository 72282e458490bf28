import {
  MY_NOTES_LIMIT,
  type NoteType,
  type NoteVisibility,
  type TMyNote,
  type TNote,
  type TNoteBody,
  type TNoteList,
  type TNoteRevisionList,
} from '../../../common/api/notes.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { now, today } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { badRequest, ForbiddenError, NotFoundError } from '../../platform/errors.ts';
import { can, canAnywhere, scopePaths } from '../../platform/policy/gate.ts';
import { loadVisibleStudent, studentScope } from '../students/index.ts';
import { NOTE_EDIT, NOTE_SEE, NOTES_VIEW, NOTES_WRITE } from './policy.ts';
import { isRestricted, noteResource, presentNote, readsNote, seesNote } from './present.ts';
import * as repo from './repo.ts';

/*
 * Case notes. Who sees what:
 * - a note exists for everyone who sees the student and has note rights at the school the note was
 *   written at (partners and the auditor never: they never see the student, 404);
 * - a list shows every such note's metadata, and the text of team notes only; a restricted note
 *   (specialists or author only) shows with `text: null` and `restricted: true` even to a reader
 *   who may open it: its text comes only from the single note's GET, whose every read is audited
 *   under its own action (`note.read_restricted`);
 * - the single note and its revisions answer 200 with the metadata and `text: null` to a caller who
 *   sees the note but may not read it (the list already told that it exists), and 404 for a student
 *   or a note the caller does not see.
 */

/** A student the caller sees, and 403 unless `action` is allowed on it. */
async function studentFor(ctx: RequestContext, studentId: string, action: string, tx: Db) {
  const loaded = await loadVisibleStudent(ctx, studentId, tx);
  if (!can(ctx.actor, action, loaded.resource))
    throw new ForbiddenError('student', studentId, loaded.row.schoolId);
  return loaded;
}

/** A note of a student the caller sees; 404 (audited under the note's school) otherwise. */
async function noteFor(ctx: RequestContext, studentId: string, noteId: string, tx: Db, lock = false) {
  await studentFor(ctx, studentId, NOTES_VIEW, tx);
  const note = await repo.findNote(tx, studentId, noteId, lock);
  if (!note) throw new NotFoundError('note', noteId);
  if (!seesNote(ctx.actor, note)) throw new NotFoundError('note', noteId, note.school_id);
  return note;
}

/** 400 for a note dated after today (the day it happened cannot be ahead). */
function checkDate(date: string): void {
  if (date > today()) throw badRequest('date_in_future', 'date');
}

/** A student's notes: every note's metadata, team notes' text; audited. */
export async function listNotes(ctx: RequestContext, studentId: string, tx: Db): Promise<TNoteList> {
  const { row, resource } = await studentFor(ctx, studentId, NOTES_VIEW, tx);
  const notes = (await repo.findNotes(tx, studentId)).filter((n) => seesNote(ctx.actor, n));
  await writeAudit(tx, ctx, {
    action: 'note.list',
    entityType: 'student',
    entityId: studentId,
    orgId: row.schoolId,
  });
  return {
    items: notes.map((n) => presentNote(ctx.actor, n, !isRestricted(n) && readsNote(ctx.actor, n))),
    can: { create: can(ctx.actor, NOTES_WRITE, resource) },
  };
}

/**
 * One note: the text when the caller may read it, else the metadata with `text: null`. Reading a
 * restricted note's text is audited as `note.read_restricted`, any other answer as `note.read`.
 */
export async function getNote(
  ctx: RequestContext,
  studentId: string,
  noteId: string,
  tx: Db,
): Promise<TNote> {
  const note = await noteFor(ctx, studentId, noteId, tx);
  const readable = readsNote(ctx.actor, note);
  await writeAudit(tx, ctx, {
    action: readable && isRestricted(note) ? 'note.read_restricted' : 'note.read',
    entityType: 'note',
    entityId: noteId,
    orgId: note.school_id,
  });
  return presentNote(ctx.actor, note, readable);
}

/** Every revision of a note, the text of each only when the caller may read the note; audited. */
export async function listRevisions(
  ctx: RequestContext,
  studentId: string,
  noteId: string,
  tx: Db,
): Promise<TNoteRevisionList> {
  const note = await noteFor(ctx, studentId, noteId, tx);
  const readable = readsNote(ctx.actor, note);
  const rows = await repo.findRevisions(tx, noteId);
  await writeAudit(tx, ctx, {
    action: readable && isRestricted(note) ? 'note.revisions_restricted' : 'note.revisions',
    entityType: 'note',
    entityId: noteId,
    orgId: note.school_id,
  });
  return {
    note: presentNote(ctx.actor, note, readable),
    items: rows.map((r) => ({
      revision: Number(r.revision),
      date: r.on_date,
      type: r.type as NoteType,
      visibility: r.visibility as NoteVisibility,
      // An earlier revision may have been visible to more people; what counts is the note's
      // visibility now (the author narrowed it on purpose).
      text: readable ? r.text : null,
      editedByName: r.edited_by_name,
      editedAt: new Date(r.edited_at).toISOString(),
    })),
  };
}

/** Writes a note on a student (staff who see the student); audited. */
export async function createNote(
  ctx: RequestContext,
  studentId: string,
  input: TNoteBody,
  tx: Db,
): Promise<TNote> {
  const { row } = await studentFor(ctx, studentId, NOTES_WRITE, tx);
  checkDate(input.date);
  const id = await repo.insertNote(tx, {
    studentId,
    schoolId: row.schoolId,
    authorId: ctx.actor?.userId as string,
    onDate: input.date,
    type: input.type,
    visibility: input.visibility,
    text: input.text,
    at: now(),
  });
  await writeAudit(tx, ctx, { action: 'note.create', entityType: 'note', entityId: id, orgId: row.schoolId });
  const saved = await repo.findNote(tx, studentId, id);
  return presentNote(ctx.actor, saved as repo.NoteRow, true);
}

/**
 * The author edits a note: a new revision with the whole note (visibility included, narrower or
 * wider); every earlier revision stays. An unchanged note saves no revision. Audited.
 */
export async function updateNote(
  ctx: RequestContext,
  studentId: string,
  noteId: string,
  input: TNoteBody,
  tx: Db,
): Promise<TNote> {
  const note = await noteFor(ctx, studentId, noteId, tx, true);
  if (!can(ctx.actor, NOTE_EDIT, noteResource(note)))
    throw new ForbiddenError('note', noteId, note.school_id);
  checkDate(input.date);
  const same =
    note.on_date === input.date &&
    note.type === input.type &&
    note.visibility === input.visibility &&
    note.text === input.text;
  if (!same) {
    await repo.saveRevision(tx, noteId, Number(note.revision) + 1, {
      onDate: input.date,
      type: input.type,
      visibility: input.visibility,
      text: input.text,
      by: ctx.actor?.userId as string,
      at: now(),
    });
    await writeAudit(tx, ctx, {
      action: 'note.update',
      entityType: 'note',
      entityId: noteId,
      orgId: note.school_id,
    });
  }
  const saved = await repo.findNote(tx, studentId, noteId);
  return presentNote(ctx.actor, saved as repo.NoteRow, true);
}

/** The caller's own latest notes (start page): student, day, kind, visibility; no text. Audited. */
export async function listMyNotes(ctx: RequestContext, tx: Db): Promise<{ items: TMyNote[] }> {
  if (!canAnywhere(ctx.actor, NOTES_WRITE)) throw new ForbiddenError('note');
  const rows = await repo.findMyNotes(
    tx,
    ctx.actor?.userId as string,
    studentScope(ctx),
    scopePaths(ctx.actor, NOTE_SEE),
    MY_NOTES_LIMIT,
  );
  await writeAudit(tx, ctx, { action: 'note.mine', entityType: 'note' });
  return {
    items: rows.map((r) => ({
      id: r.id,
      studentId: r.student_id,
      studentName: r.student_name,
      date: r.on_date,
      type: r.type as NoteType,
      visibility: r.visibility as NoteVisibility,
      revisions: Number(r.revision),
      updatedAt: new Date(r.updated_at).toISOString(),
    })),
  };
}
