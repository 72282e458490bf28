/**
 * The reports' public module. Other domains, the scheduled jobs, the demo and the benchmark import
 * reports only from here.
 */

// --- end of the read model ---
// --- The report API (helper "reportapi"): its gate actions and the auditor's suppression ---
export { REPORT_REFRESH, REPORT_STUDENTS, REPORT_VIEW, REPORT_VIEW_FULL } from './policy.ts';
export {
  figureSpecs,
  type RefreshResult,
  refreshAllPeriodsIn,
  refreshReportFigures,
  refreshReportFiguresIn,
  UnknownPeriodError,
} from './refresh.ts';
export {
  REPORTS_REFRESH_JOB,
  type ReportRefreshData,
  refreshDuePeriods,
  registerReportRefreshJob,
  reportRefreshKey,
  requestReportRefresh,
  sendReportRefresh,
} from './refresh-job.ts';
// --- The read model and its refresh (helper "readmodel") ---
export { type FigureRow, findFigures, findRefresh, type RefreshState } from './refresh-repo.ts';
export { primarySuppressed, suppress } from './suppress.ts';
// --- end of the report API ---
