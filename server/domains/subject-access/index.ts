/**
 * The subject-access export's public module (GDPR Art. 15). No other domain uses it: server/app.ts
 * registers its routes (routes.ts, as for every domain), and its coverage map is read by its own test.
 */
export { SUBJECT_ACCESS_EXPORT } from './policy.ts';
