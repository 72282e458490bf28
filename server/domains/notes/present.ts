import type { NoteType, NoteVisibility, TNote } from '../../../common/api/notes.ts';
import type { Actor } from '../../platform/actor.ts';
import { can } from '../../platform/policy/gate.ts';
import { NOTE_EDIT, NOTE_READ, NOTE_SEE, type NoteResource } from './policy.ts';
import type { NoteRow } from './repo.ts';

/** The gate's view of a note. */
export function noteResource(row: NoteRow): NoteResource {
  return {
    orgPath: row.school_path,
    visibility: row.visibility as NoteVisibility,
    authorId: row.author_id,
  };
}

/** Whether the caller may see that the note exists (its school lies under a grant with note rights). */
export const seesNote = (actor: Actor | null, row: NoteRow) => can(actor, NOTE_SEE, noteResource(row));
/** Whether the caller may read the note's text. */
export const readsNote = (actor: Actor | null, row: NoteRow) => can(actor, NOTE_READ, noteResource(row));
/** A note not for the whole team: every read of its text is audited under its own action. */
export const isRestricted = (row: { visibility: string }) => row.visibility !== 'team';

const iso = (v: string | Date) => new Date(v).toISOString();

/** A note's fields; the text only when `withText` (the caller decided the caller may read it). */
export function presentNote(actor: Actor | null, row: NoteRow, withText: boolean): TNote {
  return {
    id: row.id,
    studentId: row.student_id,
    date: row.on_date,
    type: row.type as NoteType,
    visibility: row.visibility as NoteVisibility,
    restricted: isRestricted(row),
    authorId: row.author_id,
    authorName: row.author_name,
    revisions: Number(row.revision),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    text: withText ? row.text : null,
    can: { read: readsNote(actor, row), edit: can(actor, NOTE_EDIT, noteResource(row)) },
  };
}
