import type { RouteSample, WalkIds } from './bad-input-samples.ts';

/** The school year of a date (it begins in September): 2026-12-05 → 2026, 2027-03-01 → 2026. */
const schoolYearOf = (day: string) => Number(day.slice(0, 4)) - (Number(day.slice(5, 7)) < 9 ? 1 : 0);

/** The walk's samples for the report API (issue 14). */
export function reportSamples(ids: WalkIds): Record<string, RouteSample> {
  const period = `${schoolYearOf(ids.today)}-1`;
  const report = { org: ids.municipalityId, period };
  return {
    'GET /api/reports/periods': {},
    'GET /api/reports/indicators': { query: report },
    'GET /api/reports/students': { query: { org: ids.schoolId, period, limit: '20', offset: '0' } },
    'GET /api/reports/programme': { query: { org: ids.nationId } },
    'POST /api/reports/refresh': { body: { period } },
    'GET /api/reports/export.xlsx': { query: { ...report, table: 'plans_by_status' } },
    'GET /api/reports/export.csv': { query: { ...report, table: 'children' } },
    'GET /api/reports/report.pdf': { query: report },
  };
}
