import { ADMIN, WHOLE } from '../roles.ts';
import type { Matrix } from '../types.ts';

const REPORT = [...WHOLE, 'auditor'] as const;

/** Reports, dashboards, outcomes, flag validation and the advisory risk score. */
export const reportReadEntries: Matrix = {
  'GET /api/reports/periods': { kind: 'none', roles: REPORT },
  'GET /api/reports/indicators': { kind: 'municipality', roles: REPORT },
  'GET /api/reports/students': { kind: 'school', roles: WHOLE },
  'GET /api/reports/programme': { kind: 'none', roles: ADMIN },
  'GET /api/reports/export.xlsx': { kind: 'municipality', roles: REPORT },
  'GET /api/reports/export.csv': { kind: 'municipality', roles: REPORT },
  'GET /api/reports/report.pdf': { kind: 'municipality', roles: REPORT },
  'GET /api/flag-validation': {
    kind: 'municipality',
    roles: ['national_admin', 'expert', 'municipal_coordinator'],
  },
  'GET /api/outcomes': { kind: 'school', roles: WHOLE },
  'GET /api/risk-score/model': { kind: 'none', roles: REPORT },
  'GET /api/risk-score/ranks': {
    kind: 'school',
    roles: WHOLE,
    sample: (c) => ({ query: { schoolId: c.t.schoolId, semesterId: c.semesterId } }),
  },
};
