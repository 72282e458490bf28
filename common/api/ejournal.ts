import { z } from 'zod';
import { checkCursor, pageFields } from './cursor.ts';
import { ZEventDate, zLine, zText } from './fields.ts';
import { PLAN_STATUSES } from './plans.ts';

export const EJOURNAL_KINDS = ['attendance', 'marks', 'behaviour'] as const;
export type EjournalKind = (typeof EJOURNAL_KINDS)[number];
export const ATTENDANCE_REASONS = ['present', 'unjustified', 'justified', 'other'] as const;
export const FLAG_KEYS = ['unjustified', 'attendance', 'low_marks', 'average_drop', 'behaviour'] as const;
export type FlagKey = (typeof FLAG_KEYS)[number];

export const ZEjournalImportQuery = z.object({
  schoolId: z.uuid(),
  kind: z.enum(EJOURNAL_KINDS),
  fileName: zLine(200, 1),
  /** `true`: answer 202 with a job id at once and import in the background (progress via the job). */
  background: z.enum(['true', 'false']).optional(),
});

/** The background import's job: poll `GET /api/jobs/:id` for its progress and result. */
export const ZEjournalImportJob = z.object({ jobId: z.string() });

/** A background import's result when the file was refused: the code and row errors, as a 400 would say. */
export const ZEjournalImportRefusal = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })),
  }),
});

export const ZEjournalImportResult = z.object({
  kind: z.enum(EJOURNAL_KINDS),
  rows: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  studentsRefreshed: z.number().int(),
});
export type TEjournalImportResult = z.infer<typeof ZEjournalImportResult>;

export const ZAttendanceEntry = z.object({
  onDate: ZEventDate,
  lessonNo: z.number().int().min(0).max(12).default(0),
  lessons: z.number().int().min(1).max(12).default(1),
  subject: zLine(80).nullable().optional(),
  reason: z.enum(['unjustified', 'justified', 'other']),
});
export const ZMarkEntry = z.object({
  onDate: ZEventDate,
  subject: zLine(80, 1),
  mark: z
    .string()
    .trim()
    .regex(/^(10|[1-9]|nv|ns)$/i, 'mark_value'),
});
export const ZBehaviourEntry = z.object({
  onDate: ZEventDate,
  kind: z.enum(['negative', 'positive']),
  note: zText(1000, 1),
});

export const ZFlag = z.object({
  key: z.enum(FLAG_KEYS),
  value: z.number(),
  threshold: z.number(),
  message: z.string(),
});
export type TFlag = z.infer<typeof ZFlag>;

export const ZLegalDuty = z.object({ crossedOn: z.string(), informedOn: z.string().nullable() });

export const ZIndicators = z.object({
  semesterId: z.string(),
  unjustifiedLessons: z.number().int(),
  justifiedLessons: z.number().int(),
  otherLessons: z.number().int(),
  presentLessons: z.number().int(),
  attendanceRate: z.number().nullable(),
  lowMarks: z.number().int(),
  markAverage: z.number().nullable(),
  previousAverage: z.number().nullable(),
  behaviourNotes: z.number().int(),
  flags: z.array(ZFlag),
  legalDuty: ZLegalDuty.nullable(),
});
export type TIndicators = z.infer<typeof ZIndicators>;

/** Series for the student page's charts: unjustified lessons per week (cumulative) and marks over time. */
export const ZStudentCharts = z.object({
  thresholds: z.object({ unjustifiedLessons: z.number(), lowMark: z.number() }),
  absences: z.array(
    z.object({
      weekStart: z.string(),
      unjustified: z.number(),
      justified: z.number(),
      cumulativeUnjustified: z.number(),
    }),
  ),
  marks: z.array(
    z.object({ onDate: z.string(), subject: z.string(), mark: z.string(), value: z.number().nullable() }),
  ),
});

export const ZWatchListQuery = z
  .object({
    schoolId: z.uuid().optional(),
    semesterId: z.uuid().optional(),
    grade: z.coerce.number().int().min(1).max(12).optional(),
    flag: z.enum(FLAG_KEYS).optional(),
    onlyUnassessed: z.enum(['true', 'false']).optional(),
    /** Flagged students without a plan of the semester at their school. */
    withoutPlan: z.enum(['true', 'false']).optional(),
    /** `open`: past the legal-duty line and the municipality not yet informed (flagged or not). */
    legalDuty: z.enum(['open']).optional(),
    ...pageFields(500),
  })
  .superRefine((q, ctx) => checkCursor(q, { list: 'watch', sort: 'flags', dir: 'desc' }, ctx));
export type TWatchListQuery = z.infer<typeof ZWatchListQuery>;

export const ZWatchListItem = z.object({
  studentId: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  classLabel: z.string(),
  grade: z.number().nullable(),
  course: z.number().nullable(),
  schoolId: z.string(),
  schoolName: z.string(),
  flags: z.array(ZFlag),
  assessed: z.boolean(),
  legalDuty: ZLegalDuty.nullable(),
  lastRecordOn: z.string().nullable(),
  /** The student's plan of the semester at the student's school (null: none). */
  planStatus: z.enum(PLAN_STATUSES).nullable(),
  /** What the caller may do from the row, decided by the gate: start a plan (none yet), record the legal duty (due). */
  can: z.object({ createPlan: z.boolean(), recordLegalDuty: z.boolean() }),
});
export type TWatchListItem = z.infer<typeof ZWatchListItem>;

export const ZWatchList = z.object({
  semesterId: z.string(),
  items: z.array(ZWatchListItem),
  total: z.number().int(),
  /** True when the list holds more rows than `total` says: lists count up to a cap (LIST_COUNT_CAP). */
  totalAtLeast: z.boolean().optional(),
  nextCursor: z.string().nullable(),
});

export const ZWatchListSummary = z.object({
  semesterId: z.string(),
  flagged: z.number().int(),
  unassessed: z.number().int(),
  legalDutyOpen: z.number().int(),
  studentsWithData: z.number().int(),
});

export const ZThresholds = z.object({
  unjustifiedLessons: z.number().int().min(1).max(500),
  lowMarks: z.number().int().min(1).max(100),
  averageDrop: z.number().min(0.1).max(9),
  behaviourNotes: z.number().int().min(1).max(100),
  attendanceRate: z.number().min(0.1).max(1),
  lessonsPerDay: z.number().int().min(1).max(12),
  /**
   * The flags switched off, each once. May be omitted (clients from before issue 15): the
   * organisation's own list is then left as it is — none means the nation's, else the default.
   */
  disabledFlags: z
    .array(z.enum(FLAG_KEYS))
    .max(FLAG_KEYS.length)
    .refine((keys) => new Set(keys).size === keys.length, { message: 'flags_repeated' })
    .optional(),
});
export type TThresholds = z.infer<typeof ZThresholds>;
/** The thresholds in force and the flags switched off (always given: own, inherited or default). */
export const ZThresholdsResponse = ZThresholds.extend({
  disabledFlags: z.array(z.enum(FLAG_KEYS)),
  organisationId: z.string(),
  inherited: z.boolean(),
});

export const ZLegalDutyBody = z.object({ semesterId: z.uuid(), informedOn: ZEventDate });
