import { z } from 'zod';
import { ZCalendarDate, ZEventDate, zLine, zText } from './fields.ts';

export const SESSION_MODES = ['in_person', 'remote'] as const;

export const ZSessionBody = z.object({
  onDate: ZEventDate,
  startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'invalid_time'),
  minutes: z.number().int().min(10).max(240),
  mode: z.enum(SESSION_MODES),
  topic: zText(500, 1),
  participants: z
    .array(z.object({ studentId: z.uuid(), planId: z.uuid(), measureId: z.uuid() }))
    .min(1)
    .max(30),
  /** The planned session this record turns into (marked recorded in the same transaction). */
  plannedId: z.uuid().optional(),
});
export type TSessionBody = z.infer<typeof ZSessionBody>;

export const ZParticipant = z.object({
  studentId: z.string(),
  studentName: z.string(),
  planId: z.string(),
  planCode: z.string(),
  measureId: z.string(),
  /** confirmed, waiting (remote, within a day), expired (remote, too late) or unconfirmed (in person). */
  confirmation: z.enum(['confirmed', 'waiting', 'expired', 'unconfirmed']),
  confirmedAt: z.string().nullable(),
});

/** The caller's abilities on a session (the gate's row and the session's state). */
export const ZSessionAbilities = z.object({
  /** Take a student's PIN on this device: the session's own provider, in person, on the day, month open. */
  confirm: z.boolean(),
});
export const ZSession = z.object({
  id: z.string(),
  onDate: z.string(),
  startTime: z.string(),
  minutes: z.number().int(),
  mode: z.enum(SESSION_MODES),
  topic: z.string(),
  providerId: z.string(),
  providerName: z.string(),
  participants: z.array(ZParticipant),
  /** Only in the answer that creates a remote session: the link students confirm with (shown once). */
  confirmationPath: z.string().nullable(),
  can: ZSessionAbilities,
});
export type TSession = z.infer<typeof ZSession>;
export const ZSessionList = z.object({ items: z.array(ZSession) });
export const ZSessionListQuery = z.object({
  from: ZCalendarDate,
  to: ZCalendarDate,
  providerId: z.uuid().optional(),
});

export const ZConfirmBody = z.object({
  studentId: z.uuid(),
  pin: z.string().regex(/^\d{4,6}$/, 'pin_format'),
});
export const ZPinBody = z.object({ pin: z.string().regex(/^\d{4,6}$/, 'pin_format') });

/** At most this many PINs in one request: one class. */
export const MAX_PINS_PER_REQUEST = 60;
export const PIN_GENERATE_MODES = ['missing', 'replace'] as const;
/**
 * PINs for a class (or a list of students of one school) at once: `missing` (the default) gives
 * PINs only to students without one, `replace` gives every listed student a new one.
 */
export const ZGeneratePinsBody = z
  .object({
    schoolId: z.uuid(),
    classLabel: zLine(20, 1).optional(),
    studentIds: z.array(z.uuid()).min(1).max(MAX_PINS_PER_REQUEST).optional(),
    mode: z.enum(PIN_GENERATE_MODES).default('missing'),
  })
  .refine((b) => (b.classLabel === undefined) !== (b.studentIds === undefined), {
    message: 'pins_class_or_students',
    path: ['classLabel'],
  });
export type TGeneratePinsBody = z.infer<typeof ZGeneratePinsBody>;

/** A student's PIN status and who can set it (the school's coordinators). */
export const ZPinStatus = z.object({ hasPin: z.boolean(), setters: z.array(z.string()) });
export type TPinStatus = z.infer<typeof ZPinStatus>;

/** A measure a provider can record a session against: the student, the plan and what is left. */
export const ZMyMeasure = z.object({
  studentId: z.string(),
  studentName: z.string(),
  classLabel: z.string(),
  planId: z.string(),
  planCode: z.string(),
  measureId: z.string(),
  label: z.string(),
  plannedHours: z.number(),
  deliveredHours: z.number(),
  /** Whether the student has a confirmation PIN (else the session cannot be confirmed in person). */
  hasPin: z.boolean(),
  /** Who sets PINs at the student's school: its coordinators' names. */
  pinSetters: z.array(z.string()),
});
export const ZMyMeasures = z.object({ items: z.array(ZMyMeasure) });

export const ZPublicSession = z.object({
  onDate: z.string(),
  startTime: z.string(),
  minutes: z.number().int(),
  topic: z.string(),
  providerName: z.string(),
  open: z.boolean(),
  students: z.array(z.object({ id: z.string(), name: z.string(), confirmed: z.boolean() })),
});

export const ZPlanProgress = z.object({
  measures: z.array(
    z.object({
      measureId: z.string(),
      kind: z.string(),
      plannedHours: z.number().nullable(),
      deliveredHours: z.number(),
      unconfirmedHours: z.number(),
      /** Sessions with a confirmed participation on this measure. */
      deliveredSessions: z.number().int(),
      /** Planned sessions (not cancelled, recorded ones included) and their hours. */
      scheduledHours: z.number(),
      scheduledSessions: z.number().int(),
      plannedCents: z.number().nullable(),
      spentCents: z.number().int(),
    }),
  ),
  consultationHours: z.object({ planned: z.number(), delivered: z.number() }),
  economicCents: z.object({ planned: z.number().int(), spent: z.number().int() }),
});

export const TIMESHEET_ENTRY_KINDS = ['preparation', 'supervision'] as const;
const month = z.string().regex(/^20\d{2}-(0[1-9]|1[0-2])$/, 'invalid_month');

export const ZTimesheetQuery = z.object({ schoolId: z.uuid(), month });
export const ZTimesheetRow = z.object({
  providerId: z.string(),
  providerName: z.string(),
  sessions: z.number().int(),
  confirmedHours: z.number(),
  unconfirmedHours: z.number(),
  preparationHours: z.number(),
  supervisionHours: z.number(),
  adjustmentHours: z.number(),
  totalHours: z.number(),
});
/** The caller's abilities on a school's month (the gate's rows and whether it is signed off). */
export const ZTimesheetAbilities = z.object({
  /** Add preparation or supervision hours (the month is open). */
  enter: z.boolean(),
  /** Add an adjustment with a reason (the month is signed off). */
  adjust: z.boolean(),
  /** Sign the month off (not yet signed off). */
  signOff: z.boolean(),
});
export const ZTimesheet = z.object({
  schoolId: z.string(),
  schoolName: z.string(),
  month: z.string(),
  signedOff: z.object({ at: z.string(), byName: z.string().nullable() }).nullable(),
  rows: z.array(ZTimesheetRow),
  entries: z.array(
    z.object({
      id: z.string(),
      providerName: z.string(),
      kind: z.string(),
      planCode: z.string().nullable(),
      hours: z.number(),
      reason: z.string().nullable(),
      adjustment: z.boolean(),
      createdAt: z.string(),
    }),
  ),
  can: ZTimesheetAbilities,
});
export type TTimesheet = z.infer<typeof ZTimesheet>;

/** The provider's own month (`GET /api/timesheets/mine`); no user id: it is always the caller's. */
export const ZMyTimesheetQuery = z.object({ month });
export const ZMyTimesheet = z.object({
  month: z.string(),
  confirmedHours: z.number(),
  unconfirmedHours: z.number(),
  entryHours: z.number(),
  totalHours: z.number(),
  /** Hours per plan measure in the month (a student's share of each session, on its measure). */
  measures: z.array(
    z.object({
      planId: z.string(),
      planCode: z.string(),
      measureId: z.string(),
      consultationType: z.string().nullable(),
      subject: z.string().nullable(),
      studentName: z.string(),
      sessions: z.number().int(),
      confirmedHours: z.number(),
      unconfirmedHours: z.number(),
    }),
  ),
  /** Sessions some student has still to confirm, with the last day they may (confirmation.ts). */
  awaiting: z.array(
    z.object({
      sessionId: z.string(),
      onDate: z.string(),
      startTime: z.string(),
      hours: z.number(),
      mode: z.string(),
      students: z.array(z.string()),
      expiresOn: z.string(),
    }),
  ),
  entries: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      planCode: z.string().nullable(),
      hours: z.number(),
      reason: z.string().nullable(),
      createdAt: z.string(),
    }),
  ),
});
export type TMyTimesheet = z.infer<typeof ZMyTimesheet>;

/** Paid plan preparation or supervision hours; after sign-off only adjustments (with a reason) are accepted. */
export const ZTimesheetEntryBody = z.object({
  schoolId: z.uuid(),
  month,
  providerId: z.uuid(),
  kind: z.enum([...TIMESHEET_ENTRY_KINDS, 'adjustment']),
  planId: z.uuid().nullable().optional(),
  hours: z
    .number()
    .min(-200)
    .max(200)
    .refine((h) => h !== 0, 'validation'),
  reason: zText(500).optional(),
});
export const ZSignOffBody = z.object({ schoolId: z.uuid(), month });
export const ZTimesheetExportQuery = z.object({ month, schoolId: z.uuid().optional() });

export const BUDGET_CATEGORIES = [
  'consultation',
  'transport',
  'accommodation',
  'meals',
  'study_materials',
  'personal_items',
] as const;
export type BudgetCategory = (typeof BUDGET_CATEGORIES)[number];

/** Consultation hours are stored as minutes (a 32-bit integer): more than 100 000 hours is refused. */
export const MAX_CONSULTATION_HOURS = 100_000;
function consultationHoursFit(b: { category: BudgetCategory; amount: number | null }): boolean {
  return b.category !== 'consultation' || b.amount === null || b.amount <= MAX_CONSULTATION_HOURS;
}

/** Consultation amounts are hours, economic ones integer cents. */
export const ZBudgetLine = z.object({
  category: z.enum(BUDGET_CATEGORIES),
  allocated: z.number().nullable(),
  used: z.number(),
  remaining: z.number().nullable(),
});
export const ZBudget = z.object({
  schoolId: z.string(),
  semesterId: z.string(),
  lines: z.array(ZBudgetLine),
  canAllocate: z.boolean(),
});
export const ZBudgetQuery = z.object({ schoolId: z.uuid(), semesterId: z.uuid() });
export const ZBudgetBody = z
  .object({
    schoolId: z.uuid(),
    semesterId: z.uuid(),
    category: z.enum(BUDGET_CATEGORIES),
    amount: z.number().min(0).max(100_000_000),
  })
  .refine(consultationHoursFit, { message: 'too_big', path: ['amount'] });
export const ZCaps = z.object({
  items: z.array(z.object({ category: z.enum(BUDGET_CATEGORIES), amount: z.number().nullable() })),
});
export const ZCapBody = z
  .object({
    category: z.enum(BUDGET_CATEGORIES),
    amount: z.number().min(0).max(100_000_000).nullable(),
  })
  .refine(consultationHoursFit, { message: 'too_big', path: ['amount'] });

export const ZPaymentBody = z.object({
  measureId: z.uuid(),
  onDate: ZEventDate,
  amountCents: z.number().int().min(1).max(10_000_000),
  recipient: zLine(200, 1),
  documentRef: zLine(100, 1),
  /** A coordinator's reason to go beyond a cap or the budget; recorded as an over-cap decision. */
  overCapReason: zText(1000, 5).optional(),
});
export const ZPayment = z.object({
  id: z.string(),
  measureId: z.string(),
  onDate: z.string(),
  category: z.string(),
  amountCents: z.number().int(),
  recipient: z.string(),
  documentRef: z.string(),
  overCapReason: z.string().nullable(),
  hasScan: z.boolean(),
});
/** The caller's abilities on a plan's payments, from the server's gate (the web shows buttons by these). */
export const ZPaymentAbilities = z.object({
  /** Record a payment now (the plan is in progress). */
  record: z.boolean(),
  attachScan: z.boolean(),
  /** Decide, with a reason, to go beyond a cap or the budget. */
  decideOverCap: z.boolean(),
  /** See the school's budget lines for the plan's semester. */
  viewBudget: z.boolean(),
});
export const ZPaymentList = z.object({ items: z.array(ZPayment), can: ZPaymentAbilities });
