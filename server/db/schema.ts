/** The whole Drizzle schema, one file per area. */

export * from './schema/account.ts';
export * from './schema/ejournal.ts';
export * from './schema/evidence.ts';
export * from './schema/foundation.ts';
export * from './schema/letters.ts';
export * from './schema/notes.ts';
export * from './schema/plans.ts';
export * from './schema/privacy.ts';
export * from './schema/referrals.ts';
export * from './schema/reports.ts';
export * from './schema/risks.ts';
export * from './schema/second-factor.ts';
export * from './schema/students.ts';
export * from './schema/support.ts';
export * from './schema/tasks.ts';
