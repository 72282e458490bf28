/**
 * The calendar's public module: the school year's semesters as every other domain reads them.
 * Other domains import the calendar only from here.
 */

export { CALENDAR_MANAGE } from './policy.ts';
export { findCurrentSemester, findPreviousSemester, findSemester, findSemesters } from './repo.ts';
export { addSemester, defaultSemesters, ensureSchoolYears, schoolYearOf } from './service.ts';

/** A semester as the calendar stores it. */
export type Semester = NonNullable<Awaited<ReturnType<typeof import('./repo.ts').findSemester>>>;
