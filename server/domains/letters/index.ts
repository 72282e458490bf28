/** The letters' public module: its actions. No other domain uses letters today. */
export { LETTER_TEMPLATES_MANAGE, LETTERS_SEND, LETTERS_VIEW } from './policy.ts';
/** For a student's chronology: the letters sent to the student's guardians. */
export { findLetters } from './repo.ts';
