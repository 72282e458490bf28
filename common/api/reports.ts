import { z } from 'zod';

/*
 * Reports (issue 14): the contract between the reporting read model's API and the dashboards.
 *
 * A period is a semester, `2026-1` / `2026-2` (school year 2026/27, semester 1 or 2), or a whole
 * school year, `2026`. An organisation is the nation, a municipality or a school; the caller sees
 * only organisations within the grants of a report role, any other is a 404.
 */

/** `2026` (school year 2026/27) or `2026-1` / `2026-2` (one of its semesters). */
export const PERIOD_PATTERN = /^(20[0-9]{2})(?:-([12]))?$/;
export const ZPeriod = z.string().regex(PERIOD_PATTERN, 'period');

/**
 * Every indicator of the read model. Each has a unit, and keys where it is split (a status, a subject,
 * a category, a level, a partner's organisation id ...; '' when it is one number).
 */
export const INDICATORS = {
  /** Students with at least one early-warning flag in the period (student_indicators.flag_count > 0). */
  students_flagged: 'students',
  /** Students with at least one risk recorded (not removed) in the period. */
  students_with_risks: 'students',
  /** Students with a plan (not deleted) in the period. */
  students_with_plans: 'students',
  /** Students who received support: a confirmed consultation or an economic payment in the period. */
  students_supported: 'students',
  /** Plans (not deleted) by status (key: draft, in_approval, approved, in_progress, paused, under_revision, evaluated, closed). */
  plans_by_status: 'plans',
  /** Plans waiting for approval now, by level (key: director, municipality, expert). */
  plans_waiting: 'plans',
  /** Median days an approval step took (submitted at the level until approved or returned there), by level. */
  approval_wait_days: 'days',
  /** Student risk records by the catalogue's risk type (key: the risk type code). */
  risks_by_type: 'records',
  /** Confirmed consultation hours of subject teachers, by subject (key: the subject). */
  hours_by_subject: 'hours',
  /** Confirmed consultation hours of specialists, by specialist type (key: the consultation type). */
  hours_by_specialist: 'hours',
  /** Economic support paid, in cents, by category (key: transport, accommodation, meals, study_materials, personal_items). */
  euros_by_category: 'cents',
  /** Budget allocated, by category (key: consultation in minutes, the economic categories in cents). */
  budget_allocated: 'budget',
  /** Budget used, by category (as budget_allocated). */
  budget_used: 'budget',
  /** Referrals sent in the period, by partner (key: the partner organisation's id; the cell's label is its name). */
  referrals_by_partner: 'referrals',
  /** Referrals sent in the period, by status (key: the referral status). */
  referrals_by_status: 'referrals',
  /** Evaluated plans' measures by whether they were carried out (key: yes, partly, no). */
  measures_carried_out: 'measures',
  /** Outcomes at the end of the period's school year of the students with plans (key: the outcome code). */
  outcomes: 'students',
  /** Students with plans: mean unjustified lessons missed, before (the semester before the first plan) and after (the latest semester). */
  attendance_before_after: 'lessons',
  /** Students with plans: mean mark average, before and after (as attendance_before_after). */
  marks_before_after: 'mark',
  /** Plans approved at least once (IAPs, as the programme counted them). */
  iaps: 'plans',
  /** Schools with at least one IAP. */
  schools_taking_part: 'schools',
  /** Municipalities with at least one IAP (state vocational schools count under the nation only). */
  municipalities_taking_part: 'municipalities',
} as const;
export type IndicatorCode = keyof typeof INDICATORS;
export const INDICATOR_CODES = Object.keys(INDICATORS) as IndicatorCode[];
export const ZIndicatorCode = z.enum(INDICATOR_CODES as [IndicatorCode, ...IndicatorCode[]]);

/** The outcomes of a programme student at the end of a school year. */
export const OUTCOMES = [
  'continues',
  'moved_school',
  'extended_year',
  'repeats_year',
  'graduated',
  'left_education',
] as const;
export type Outcome = (typeof OUTCOMES)[number];
/** Outcomes that count as "stayed in education". */
export const STAYED_OUTCOMES: readonly Outcome[] = [
  'continues',
  'moved_school',
  'extended_year',
  'repeats_year',
  'graduated',
];

export const ZReportOrg = z.object({
  id: z.uuid(),
  name: z.string(),
  type: z.enum(['nation', 'municipality', 'school']),
});
export type TReportOrg = z.infer<typeof ZReportOrg>;

/**
 * One figure. In the auditor view a count from 1 to 4 — and any figure resting on 1 to 4 students, or
 * one a sibling total would reveal by subtraction — has `value: null, suppressed: true` (shown "<5").
 */
export const ZReportCell = z.object({
  key: z.string(),
  /** A name for keys that are ids (a partner, a child organisation). */
  label: z.string().optional(),
  value: z.number().nullable(),
  /** Distinct students behind the figure (null where it does not apply). */
  students: z.number().int().nullable(),
  suppressed: z.boolean(),
});
export type TReportCell = z.infer<typeof ZReportCell>;

export const ZReportIndicator = z.object({
  code: ZIndicatorCode,
  unit: z.string(),
  cells: z.array(ZReportCell),
  /** The sum of the cells where they add up (null for medians, means and one-number indicators). */
  total: ZReportCell.nullable(),
});
export type TReportIndicator = z.infer<typeof ZReportIndicator>;

/** The headline indicators the drill-down table shows for each child organisation. */
export const CHILD_INDICATORS = [
  'students_flagged',
  'students_with_risks',
  'students_with_plans',
  'students_supported',
  'iaps',
] as const satisfies readonly IndicatorCode[];

export const ZReportChild = z.object({
  org: ZReportOrg,
  cells: z.array(ZReportCell.extend({ key: z.enum(CHILD_INDICATORS) })),
});

export const ZPeriodInfo = z.object({
  code: ZPeriod,
  schoolYear: z.number().int(),
  /** 1 or 2; null for a whole school year. */
  semester: z.number().int().nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
});
export type TPeriodInfo = z.infer<typeof ZPeriodInfo>;

/** GET /api/reports/indicators?org=&period= — also the ministry's report API. */
export const ZReportQuery = z.object({
  /** The organisation (default: the caller's widest). */
  org: z.uuid().optional(),
  /** The period (default: the current semester). */
  period: ZPeriod.optional(),
});
export type TReportQuery = z.infer<typeof ZReportQuery>;

export const ZReportIndicators = z.object({
  org: ZReportOrg,
  /** The way up for the drill-down's breadcrumbs, nation first (only organisations in the caller's scope). */
  path: z.array(ZReportOrg),
  period: ZPeriodInfo,
  /** When the figures were computed (null: never yet) and whether a refresh is pending. */
  refreshedAt: z.string().nullable(),
  refreshRequestedAt: z.string().nullable(),
  /** The auditor view: small counts suppressed, no drill-down to students. */
  suppressed: z.boolean(),
  /** Whether the caller may open the list of students behind the figures (never the auditor). */
  studentsDrillDown: z.boolean(),
  indicators: z.array(ZReportIndicator),
  /** The child organisations (municipalities and state schools of the nation, schools of a municipality). */
  children: z.array(ZReportChild),
  /** The same headline figures for the organisation itself (the children table's total row). */
  childrenTotal: z.array(ZReportCell.extend({ key: z.enum(CHILD_INDICATORS) })),
});
export type TReportIndicators = z.infer<typeof ZReportIndicators>;

/** GET /api/reports/periods — the periods to choose from, newest first, and the current semester. */
export const ZReportPeriods = z.object({
  current: ZPeriod,
  items: z.array(ZPeriodInfo),
});
export type TReportPeriods = z.infer<typeof ZReportPeriods>;

/** POST /api/reports/refresh — recompute a period's figures (a background job; 202 with its id). */
export const ZReportRefreshBody = z.object({ period: ZPeriod.optional() });
export type TReportRefreshBody = z.infer<typeof ZReportRefreshBody>;

/** GET /api/reports/students?org=<school>&period= — the drill-down's students (never for the auditor). */
export const ZReportStudentsQuery = z.object({
  org: z.uuid(),
  period: ZPeriod.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});
export const ZReportStudent = z.object({
  id: z.uuid(),
  firstName: z.string(),
  lastName: z.string(),
  classLabel: z.string(),
  flagged: z.boolean(),
  risks: z.number().int(),
  planId: z.uuid().nullable(),
  planCode: z.string().nullable(),
  planStatus: z.string().nullable(),
  supported: z.boolean(),
  outcome: z.enum(OUTCOMES).nullable(),
});
export const ZReportStudents = z.object({
  items: z.array(ZReportStudent),
  total: z.number().int(),
});
export type TReportStudents = z.infer<typeof ZReportStudents>;

/** The report's download formats (the audit log's `report.export_<format>`). */
export const EXPORT_FORMATS = ['xlsx', 'csv', 'pdf'] as const;

/** GET /api/reports/export.{xlsx,csv}?org=&period=&table= ; GET /api/reports/report.pdf?org=&period= */
export const ZReportExportQuery = ZReportQuery.extend({
  /** One indicator (CSV needs one; XLSX without it has a sheet per table). */
  table: z.union([ZIndicatorCode, z.literal('children')]).optional(),
});
export type TReportExportQuery = z.infer<typeof ZReportExportQuery>;

/** GET /api/reports/programme?org= — the programme's published figures for every school year and semester. */
export const ZProgrammeRow = z.object({
  period: ZPeriodInfo,
  iaps: ZReportCell,
  pupils: ZReportCell,
  schools: ZReportCell,
  municipalities: ZReportCell,
});
export const ZProgrammeFigures = z.object({
  org: ZReportOrg,
  suppressed: z.boolean(),
  rows: z.array(ZProgrammeRow),
  /** The same table per municipality (for the nation). */
  byMunicipality: z.array(z.object({ org: ZReportOrg, rows: z.array(ZProgrammeRow) })),
});
export type TProgrammeFigures = z.infer<typeof ZProgrammeFigures>;
