/**
 * The case notes' public module: the chronology's reader (the chronology merges it with the other
 * domains' events) and the notes' actions.
 */
export { type ChronologyEntry, findNoteChronologyEntries } from './chronology.ts';
export {
  NOTE_EDIT,
  NOTE_READ,
  NOTE_SEE,
  NOTES_START_PAGE,
  NOTES_VIEW,
  NOTES_WRITE,
  type NoteResource,
} from './policy.ts';
/** For the demo seed, which writes a few notes without a request. */
export { insertNote } from './repo.ts';
