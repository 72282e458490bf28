import { z } from 'zod';
import { checkCursor, pageFields } from './cursor.ts';
import { zLine, zText } from './fields.ts';
import { ZPinStatus } from './support.ts';

export const PLAN_STATUSES = [
  'draft',
  'in_approval',
  'approved',
  'in_progress',
  'paused',
  'under_revision',
  'evaluated',
  'closed',
  'deleted',
] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const APPROVAL_LEVELS = ['director', 'municipality', 'expert'] as const;
export type ApprovalLevel = (typeof APPROVAL_LEVELS)[number];
export const MEASURE_KINDS = ['consultation', 'economic', 'other'] as const;
export const CONSULTATION_TYPES = [
  'subject',
  'psychologist',
  'social_pedagogue',
  'speech_therapist',
  'special_educator',
  'teacher_assistant',
  'sign_language_interpreter',
  'occupational_therapist',
] as const;
export const ECONOMIC_CATEGORIES = [
  'transport',
  'accommodation',
  'meals',
  'study_materials',
  'personal_items',
] as const;
export const OTHER_TYPES = ['mentoring', 'youth_initiative'] as const;
export const CARRIED_OUT = ['yes', 'partly', 'no'] as const;

const id = z.uuid();
const text = (max: number) => zText(max, 1);

/** A support measure, linked to one or more of the plan's risks with a justification. */
export const ZMeasure = z
  .object({
    id: id,
    kind: z.enum(MEASURE_KINDS),
    consultationType: z.enum(CONSULTATION_TYPES).nullable().default(null),
    subject: zLine(80).nullable().default(null),
    providerId: id.nullable().default(null),
    plannedHours: z.number().min(0.5).max(500).multipleOf(0.5).nullable().default(null),
    economicCategory: z.enum(ECONOMIC_CATEGORIES).nullable().default(null),
    plannedCents: z.number().int().min(1).max(10_000_000).nullable().default(null),
    otherType: z.enum(OTHER_TYPES).nullable().default(null),
    description: zText(1000).default(''),
    riskIds: z.array(id).min(1).max(20),
    justification: text(2000),
  })
  .superRefine((m, ctx) => {
    const need = (ok: boolean, path: string, message: string) =>
      ok || ctx.addIssue({ code: 'custom', path: [path], message });
    if (m.kind === 'consultation') {
      need(m.consultationType !== null, 'consultationType', 'required');
      need(m.consultationType !== 'subject' || Boolean(m.subject), 'subject', 'required');
      need(m.plannedHours !== null, 'plannedHours', 'required');
    } else if (m.kind === 'economic') {
      need(m.economicCategory !== null, 'economicCategory', 'required');
      need(m.plannedCents !== null, 'plannedCents', 'required');
    } else {
      need(m.otherType !== null, 'otherType', 'required');
    }
  });
export type TMeasure = z.infer<typeof ZMeasure>;

export const ZGoal = z.object({
  id: id,
  text: text(1000),
  criterion: zText(500).default(''),
});
export type TGoal = z.infer<typeof ZGoal>;

/** The editable content of a plan; each submitted version keeps a frozen copy. */
export const ZPlanContent = z.object({
  riskIds: z.array(id).max(40).default([]),
  goals: z.array(ZGoal).max(20).default([]),
  measures: z.array(ZMeasure).max(40).default([]),
  supervisorId: id.nullable().default(null),
});
export type TPlanContent = z.infer<typeof ZPlanContent>;

/**
 * The content a plan may be submitted with: valid content (each measure complete and linked to at
 * least one risk) with at least one risk, goal and measure. The server's submission and the web's
 * editor check it with this one schema; a missing part is an issue `required` at its path.
 */
export const ZPlanSubmission = ZPlanContent.superRefine((c, ctx) => {
  for (const part of ['riskIds', 'goals', 'measures'] as const)
    if (c[part].length === 0) ctx.addIssue({ code: 'custom', path: [part], message: 'required' });
});

export const ZCreatePlanBody = z.object({ studentId: id, semesterId: id });

export const ZPlanRiskRef = z.object({
  id: z.string(),
  riskType: z.string(),
  riskCode: z.string().nullable(),
  nameLv: z.string().nullable(),
  nameEn: z.string().nullable(),
  justification: z.string().nullable(),
});

export const ZPlanEvent = z.object({
  at: z.string(),
  actorName: z.string().nullable(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string(),
  level: z.string().nullable(),
  version: z.number().int().nullable(),
  comment: z.string().nullable(),
  measureComments: z.array(z.object({ measureId: z.string(), comment: z.string() })),
});

export const ZPlanTotals = z.object({
  consultationHours: z.number(),
  economicCents: z.number().int(),
  otherMeasures: z.number().int(),
});

export const ZEvaluation = z.object({
  measures: z
    .array(
      z.object({
        measureId: id,
        carriedOut: z.enum(CARRIED_OUT),
        deliveredHours: z.number().min(0).max(1000).nullable().default(null),
        deliveredCents: z.number().int().min(0).max(100_000_000).nullable().default(null),
      }),
    )
    .min(1),
  progress: text(4000),
  risksDecreased: z.enum(CARRIED_OUT),
  continueNextSemester: z.boolean(),
});
export type TEvaluation = z.infer<typeof ZEvaluation>;

/**
 * The caller's abilities on one plan, computed by the server's gate from the rules that guard the
 * routes (the web shows buttons by these, never by roles): each transition. Payments carry their
 * own (ZPaymentList.can).
 */
export const ZPlanAbilities = z.object({
  edit: z.boolean(),
  submit: z.boolean(),
  approve: z.boolean(),
  return: z.boolean(),
  start: z.boolean(),
  pause: z.boolean(),
  resume: z.boolean(),
  revise: z.boolean(),
  evaluate: z.boolean(),
  close: z.boolean(),
  delete: z.boolean(),
});
export type TPlanAbilities = z.infer<typeof ZPlanAbilities>;

export const ZPlan = z.object({
  id: z.string(),
  code: z.string(),
  studentId: z.string(),
  studentName: z.string(),
  classLabel: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
  semesterId: z.string(),
  semesterLabel: z.string(),
  status: z.enum(PLAN_STATUSES),
  approvalLevel: z.enum(APPROVAL_LEVELS).nullable(),
  waitingSince: z.string().nullable(),
  version: z.number().int(),
  preparerId: z.string().nullable(),
  preparerName: z.string().nullable(),
  content: ZPlanContent,
  risks: z.array(ZPlanRiskRef),
  totals: ZPlanTotals,
  pausedReason: z.string().nullable(),
  evaluation: ZEvaluation.nullable(),
  history: z.array(ZPlanEvent),
  /** The transitions the caller may take now, as a list (the same as the true ones of `can`). */
  allowed: z.array(z.string()),
  can: ZPlanAbilities,
  returnComment: z.string().nullable(),
  /** Names of the people the plan names (preparer, providers, supervisor), for every reader of the plan. */
  peopleNames: z.record(z.string(), z.string()),
  /** Whether the student has a confirmation PIN, and who sets it (the school's coordinators). */
  pin: ZPinStatus,
});
export type TPlan = z.infer<typeof ZPlan>;

export const ZPlanSummary = z.object({
  id: z.string(),
  code: z.string(),
  studentId: z.string(),
  studentName: z.string(),
  classLabel: z.string(),
  schoolName: z.string(),
  semesterLabel: z.string(),
  status: z.enum(PLAN_STATUSES),
  approvalLevel: z.enum(APPROVAL_LEVELS).nullable(),
  waitingSince: z.string().nullable(),
  waitingHours: z.number().nullable(),
  resubmitted: z.boolean(),
});
export const ZPlanList = z.object({
  items: z.array(ZPlanSummary),
  /** Counted exactly up to a cap (LIST_COUNT_CAP); `totalAtLeast` when the list holds more. */
  total: z.number().int(),
  totalAtLeast: z.boolean(),
  nextCursor: z.string().nullable(),
});
export const ZPlanListQuery = z
  .object({
    studentId: z.uuid().optional(),
    schoolId: z.uuid().optional(),
    semesterId: z.uuid().optional(),
    status: z.enum(PLAN_STATUSES).optional(),
    ...pageFields(),
  })
  .superRefine((q, ctx) => checkCursor(q, { list: 'plans', sort: 'created', dir: 'desc' }, ctx));

/** The approval queue's page (oldest waiting first). */
export const ZApprovalQueueQuery = z
  .object(pageFields())
  .superRefine((q, ctx) => checkCursor(q, { list: 'approvals', sort: 'waiting', dir: 'asc' }, ctx));

export const ZReturnBody = z.object({
  comment: text(4000),
  measureComments: z
    .array(z.object({ measureId: id, comment: text(2000) }))
    .max(40)
    .default([]),
});
export const ZPauseBody = z.object({ reason: text(2000) });
export const ZBulkApproveBody = z.object({ planIds: z.array(id).min(1).max(200) });

/** What changed between the version an approver returned and the one now in front of them. */
export const ZPlanDiff = z.object({
  baseVersion: z.number().int().nullable(),
  version: z.number().int(),
  risks: z.object({ added: z.array(z.string()), removed: z.array(z.string()) }),
  goals: z.object({
    added: z.array(ZGoal),
    removed: z.array(ZGoal),
    changed: z.array(z.object({ before: ZGoal, after: ZGoal })),
  }),
  measures: z.object({
    added: z.array(z.any()),
    removed: z.array(z.any()),
    changed: z.array(z.object({ before: z.any(), after: z.any(), fields: z.array(z.string()) })),
  }),
  supervisorChanged: z.boolean(),
});

export const ZNotification = z.object({
  id: z.string(),
  kind: z.string(),
  planId: z.string().nullable(),
  message: z.string(),
  createdAt: z.string(),
  read: z.boolean(),
  /** A later move of the plan answered what it asked; it no longer needs the person. */
  done: z.boolean(),
});
export const ZNotificationList = z.object({ items: z.array(ZNotification), unread: z.number().int() });
