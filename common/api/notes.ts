import { z } from 'zod';
import { ZEventDate, zText } from './fields.ts';

/** What kind of contact or event a case note records. */
export const NOTE_TYPES = [
  'meeting',
  'conversation_student',
  'conversation_guardian',
  'observation',
  'other',
] as const;
export type NoteType = (typeof NOTE_TYPES)[number];

/**
 * Who may read a note's text: the school team that sees the student, the specialists of the
 * student's school (and the author), or the author alone.
 */
export const NOTE_VISIBILITIES = ['team', 'specialists', 'author'] as const;
export type NoteVisibility = (typeof NOTE_VISIBILITIES)[number];

/** Longest note text. */
export const NOTE_TEXT_MAX = 5000;
/** How many of the caller's own notes the start page shows. */
export const MY_NOTES_LIMIT = 10;

/** A new note, or a note's next revision (the whole note is sent each time). */
export const ZNoteBody = z.object({
  /** The day it happened: not in the future (checked against the server's today). */
  date: ZEventDate,
  type: z.enum(NOTE_TYPES),
  visibility: z.enum(NOTE_VISIBILITIES),
  text: zText(NOTE_TEXT_MAX, 1),
});
export type TNoteBody = z.infer<typeof ZNoteBody>;

export const ZNoteParams = z.object({ id: z.uuid(), noteId: z.uuid() });

/**
 * A note as a reader sees it. `restricted` says the note is not for the whole team; `text` is null
 * whenever it is withheld: in a list for every restricted note (open it to read it), and in a
 * single note when the caller may not read it (`canRead` false: the metadata only).
 */
export const ZNote = z.object({
  id: z.string(),
  studentId: z.string(),
  date: z.string(),
  type: z.enum(NOTE_TYPES),
  visibility: z.enum(NOTE_VISIBILITIES),
  restricted: z.boolean(),
  authorId: z.string(),
  authorName: z.string(),
  /** How many versions the note has (1 for a note never edited). */
  revisions: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  text: z.string().nullable(),
  can: z.object({
    /** Open the text (for a restricted note: with the single note's GET, audited). */
    read: z.boolean(),
    /** Edit: the author only. */
    edit: z.boolean(),
  }),
});
export type TNote = z.infer<typeof ZNote>;

export const ZNoteList = z.object({
  items: z.array(ZNote),
  can: z.object({ create: z.boolean() }),
});
export type TNoteList = z.infer<typeof ZNoteList>;

/** One saved version of a note; `text` null when the caller may not read the note. */
export const ZNoteRevision = z.object({
  revision: z.number().int(),
  date: z.string(),
  type: z.enum(NOTE_TYPES),
  visibility: z.enum(NOTE_VISIBILITIES),
  text: z.string().nullable(),
  editedByName: z.string(),
  editedAt: z.string(),
});
export type TNoteRevision = z.infer<typeof ZNoteRevision>;
export const ZNoteRevisionList = z.object({ note: ZNote, items: z.array(ZNoteRevision) });
export type TNoteRevisionList = z.infer<typeof ZNoteRevisionList>;

/** The caller's own latest notes (start page): which student, when, what kind; never the text. */
export const ZMyNote = z.object({
  id: z.string(),
  studentId: z.string(),
  studentName: z.string(),
  date: z.string(),
  type: z.enum(NOTE_TYPES),
  visibility: z.enum(NOTE_VISIBILITIES),
  revisions: z.number().int(),
  updatedAt: z.string(),
});
export type TMyNote = z.infer<typeof ZMyNote>;
export const ZMyNoteList = z.object({ items: z.array(ZMyNote) });
