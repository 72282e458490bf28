/** The letters' public module: its actions. No other domain uses letters today. */
export { LETTER_TEMPLATES_MANAGE, LETTERS_SEND, LETTERS_VIEW } from './policy.ts';
