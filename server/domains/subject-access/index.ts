/**
 * The subject-access export's public module (GDPR Art. 15). No other domain uses it; the composition
 * root registers its routes, and its coverage map is read by its own test.
 */
export { SUBJECT_ACCESS_EXPORT } from './policy.ts';
