import type { NoteVisibility } from '../../../common/api/notes.ts';
import type { Role } from '../../../common/roles.ts';
import type { ActorGrant } from '../../platform/actor.ts';
import { defineAbilities, definePolicies, type OrgResource } from '../../platform/policy/gate.ts';
import type { StudentResource } from '../students/index.ts';

/** A note as the gate sees it: the path of the school it was written at, its visibility and author. */
export interface NoteResource extends OrgResource {
  visibility: NoteVisibility;
  authorId: string;
}

/** Open a student's notes (the list: every note's metadata, team notes' text). */
export const NOTES_VIEW = 'note.view';
/** Write a note on a student. */
export const NOTES_WRITE = 'note.write';
/** See that a note exists (its metadata): the school it was written at lies under the grant. */
export const NOTE_SEE = 'note.see';
/** Read a note's text: by its visibility. */
export const NOTE_READ = 'note.read';
/** Edit a note (a new revision, visibility included): its author only. */
export const NOTE_EDIT = 'note.edit';
/** The start page's "my recent notes and sessions". */
export const NOTES_START_PAGE = 'note.start_page';

/**
 * Staff who work with students: everyone who may see a student except the partner institutions and
 * the auditor, who never see a note at all (they never see the student either: 404).
 */
export const NOTE_ROLES = [
  'national_admin',
  'expert',
  'municipal_coordinator',
  'school_director',
  'school_coordinator',
  'plan_preparer',
  'specialist',
  'teacher',
] as const satisfies readonly Role[];

/** Whose start page shows their notes and sessions. */
export const NOTE_START_PAGE_ROLES = ['specialist'] as const satisfies readonly Role[];

/**
 * Who reads a note's text, given a grant that covers the note's school: the team (everyone with
 * access to the student), the specialists (a specialist grant on the school or its municipality)
 * and the author, or the author alone.
 */
export function readsNote(grant: Pick<ActorGrant, 'role'>, note: NoteResource, userId: string): boolean {
  if (note.authorId === userId) return true;
  if (note.visibility === 'team') return true;
  return note.visibility === 'specialists' && grant.role === 'specialist';
}

definePolicies<StudentResource>({
  [NOTES_VIEW]: { roles: NOTE_ROLES },
  [NOTES_WRITE]: { roles: NOTE_ROLES },
});
definePolicies<NoteResource>({
  [NOTE_SEE]: { roles: NOTE_ROLES },
  [NOTE_READ]: { roles: NOTE_ROLES, when: (g, note, actor) => readsNote(g, note, actor.userId) },
  [NOTE_EDIT]: { roles: NOTE_ROLES, when: (_g, note, actor) => note.authorId === actor.userId },
});
definePolicies<OrgResource>({
  [NOTES_START_PAGE]: { roles: NOTE_START_PAGE_ROLES },
});

defineAbilities('navigation', { myNotes: NOTES_START_PAGE });
