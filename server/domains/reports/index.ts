/**
 * The reports' public module. Other domains, the scheduled jobs, the demo and the benchmark import
 * reports only from here.
 */

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
// --- end of the read model ---
