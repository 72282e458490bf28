/**
 * The reports' public module (issue 14). Other domains import reports only from here.
 */

// The report API (helper "reportapi"): its gate actions, the refresh job's name, the suppression.
export { REPORT_REFRESH, REPORT_STUDENTS, REPORT_VIEW, REPORT_VIEW_FULL } from './policy.ts';
export { REPORT_REFRESH_JOB } from './service.ts';
export { primarySuppressed, suppress } from './suppress.ts';
