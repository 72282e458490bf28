import { z } from 'zod';
import { parsePersonalCode } from '../personal-code.ts';
import { checkCursor, pageFields } from './cursor.ts';
import { ZBirthDate, ZEventDate, zLine, zText } from './fields.ts';

export const STUDENT_STATUSES = ['enrolled', 'moved', 'graduated', 'left'] as const;
export const GENDERS = ['female', 'male'] as const;
export const GUARDIAN_RELATIONS = [
  'mother',
  'father',
  'guardian',
  'foster_parent',
  'grandparent',
  'other',
] as const;
export const APPLICATION_SIGNERS = ['guardian', 'student'] as const;
/** What the signed application covers. */
export const APPLICATION_SCOPES = ['participation_and_data', 'participation_only'] as const;

/** A personal code as typed: validated and normalised to 11 digits (a `32…` checksum mismatch passes). */
export const ZPersonalCode = z.string().transform((value, ctx) => {
  const r = parsePersonalCode(value);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: `personal_code_${r.error}` });
    return z.NEVER;
  }
  return r.normalized;
});

const name = zLine(100, 1);
const classLabel = zLine(20, 1);

/** Grade 1–12 for general education, or course 1–4 for vocational programmes; exactly one. */
const levelFields = {
  grade: z.number().int().min(1).max(12).nullable().optional(),
  course: z.number().int().min(1).max(4).nullable().optional(),
};

export const ZCreateStudentBody = z
  .object({
    personalCode: ZPersonalCode,
    firstName: name,
    lastName: name,
    birthDate: ZBirthDate.optional(),
    gender: z.enum(GENDERS).nullable().optional(),
    schoolId: z.uuid(),
    classLabel,
    ...levelFields,
  })
  .refine((b) => (b.grade ?? null) !== null || (b.course ?? null) !== null, {
    message: 'grade_or_course',
    path: ['grade'],
  });
export type TCreateStudentBody = z.infer<typeof ZCreateStudentBody>;

export const ZUpdateStudentBody = z
  .object({
    firstName: name.optional(),
    lastName: name.optional(),
    birthDate: ZBirthDate.optional(),
    gender: z.enum(GENDERS).nullable().optional(),
    classLabel: classLabel.optional(),
    ...levelFields,
    status: z.enum(STUDENT_STATUSES).optional(),
    statusDate: ZEventDate.optional(),
    statusReason: zText(500).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'empty' });
export type TUpdateStudentBody = z.infer<typeof ZUpdateStudentBody>;

export const ZStudentSummary = z.object({
  id: z.string(),
  personalCodeMasked: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  birthDate: z.string().nullable(),
  schoolId: z.string(),
  schoolName: z.string(),
  grade: z.number().nullable(),
  course: z.number().nullable(),
  classLabel: z.string(),
  status: z.enum(STUDENT_STATUSES),
  applicationInForce: z.boolean(),
  /** Whether the student has a confirmation PIN for support sessions. */
  hasPin: z.boolean(),
});
export type TStudentSummary = z.infer<typeof ZStudentSummary>;

export const ZStudentList = z.object({
  items: z.array(ZStudentSummary),
  total: z.number().int(),
  /** True when the list holds more rows than `total` says: lists count up to a cap (LIST_COUNT_CAP). */
  totalAtLeast: z.boolean().optional(),
  /** Whether the caller may sort this list by personal code (only where every code could be revealed). */
  codeSortable: z.boolean(),
  /** The `cursor` of the next page, null on the last page. */
  nextCursor: z.string().nullable(),
});

export const STUDENT_SORTS = ['name', 'class', 'grade', 'code'] as const;
export const ZStudentListQuery = z
  .object({
    schoolId: z.uuid().optional(),
    q: zLine(100).optional(),
    grade: z.coerce.number().int().min(1).max(12).optional(),
    course: z.coerce.number().int().min(1).max(4).optional(),
    classLabel: zLine(20).optional(),
    status: z.enum(STUDENT_STATUSES).optional(),
    sort: z.enum(STUDENT_SORTS).default('name'),
    dir: z.enum(['asc', 'desc']).default('asc'),
    ...pageFields(),
  })
  .superRefine((q, ctx) => checkCursor(q, { list: 'students', sort: q.sort, dir: q.dir }, ctx));
export type TStudentListQuery = z.infer<typeof ZStudentListQuery>;

export const ZGuardian = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  relation: z.enum(GUARDIAN_RELATIONS),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  language: z.enum(['lv', 'en', 'ru', 'other']),
});
export type TGuardian = z.infer<typeof ZGuardian>;

export const ZGuardianBody = z.object({
  firstName: name,
  lastName: name,
  relation: z.enum(GUARDIAN_RELATIONS),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ]{6,20}$/, 'phone')
    .nullable()
    .optional(),
  email: z.email().max(254).nullable().optional(),
  language: z.enum(['lv', 'en', 'ru', 'other']).default('lv'),
});
export type TGuardianBody = z.infer<typeof ZGuardianBody>;

export const ZApplication = z.object({
  id: z.string(),
  signedOn: z.string(),
  signerType: z.enum(APPLICATION_SIGNERS),
  guardianId: z.string().nullable(),
  signerName: z.string(),
  scope: z.enum(APPLICATION_SCOPES),
  documentRef: z.string().nullable(),
  file: z.object({ id: z.string(), name: z.string(), contentType: z.string(), size: z.number() }).nullable(),
  withdrawnOn: z.string().nullable(),
  withdrawalReason: z.string().nullable(),
  inForce: z.boolean(),
  createdAt: z.string(),
});
export type TApplication = z.infer<typeof ZApplication>;

export const ZApplicationBody = z.object({
  signedOn: ZEventDate,
  signerType: z.enum(APPLICATION_SIGNERS),
  guardianId: z.uuid().nullable().optional(),
  scope: z.enum(APPLICATION_SCOPES).default('participation_and_data'),
  documentRef: zLine(100).nullable().optional(),
});
export type TApplicationBody = z.infer<typeof ZApplicationBody>;

export const ZWithdrawApplicationBody = z.object({
  withdrawnOn: ZEventDate,
  reason: zText(500).optional(),
});

export const ZMoveStudentBody = z.object({
  toSchoolId: z.uuid(),
  movedOn: ZEventDate,
  classLabel: classLabel,
  ...levelFields,
  reason: zText(500).optional(),
});
export type TMoveStudentBody = z.infer<typeof ZMoveStudentBody>;

export const ZStudentMove = z.object({
  id: z.string(),
  movedOn: z.string(),
  fromSchoolName: z.string(),
  toSchoolName: z.string(),
});

/**
 * The caller's abilities on one student, computed by the server's gate from the rules that guard
 * the routes (each domain adds its own: plans, risks, support, e-journal). The web shows buttons by
 * these, never by roles.
 */
export const ZStudentAbilities = z.object({
  /** Edit the record and its status. */
  edit: z.boolean(),
  move: z.boolean(),
  assignStaff: z.boolean(),
  manageGuardians: z.boolean(),
  manageApplications: z.boolean(),
  withdrawApplication: z.boolean(),
  revealCode: z.boolean(),
  recordRisks: z.boolean(),
  /** See the detail of family and health risks. */
  viewSensitiveRisks: z.boolean(),
  createPlan: z.boolean(),
  /** Give the student a confirmation PIN. */
  setPin: z.boolean(),
  /** Enter attendance, marks and behaviour by hand. */
  enterEjournal: z.boolean(),
  /** Record that the municipality was informed (legal duty). */
  recordLegalDuty: z.boolean(),
  /** See the letters sent to the guardians, and send one. */
  viewLetters: z.boolean(),
  sendLetters: z.boolean(),
  /** See the student's referrals to partner institutions, and send one (issue 12). */
  viewReferrals: z.boolean(),
  sendReferrals: z.boolean(),
  /** Export everything held about the student (GDPR Art. 15, issue 16). */
  subjectExport: z.boolean(),
  /** Erase (anonymise) the student on request (issue 16; the server still refuses while retention runs). */
  erase: z.boolean(),
});
export type TStudentAbilities = z.infer<typeof ZStudentAbilities>;

export const ZStudentDetail = ZStudentSummary.extend({
  gender: z.enum(GENDERS).nullable(),
  age: z.number().nullable(),
  isAdult: z.boolean(),
  statusDate: z.string().nullable(),
  statusReason: z.string().nullable(),
  personalCodeWarning: z.boolean(),
  guardians: z.array(ZGuardian),
  applications: z.array(ZApplication),
  moves: z.array(ZStudentMove),
  assignedStaff: z.array(z.object({ userId: z.string(), name: z.string(), role: z.string() })),
  /** May edit the record, move the student and assign staff. */
  canEdit: z.boolean(),
  /** May add guardians and applications. */
  canManageConsent: z.boolean(),
  canRevealCode: z.boolean(),
  /** When the student's personal data was anonymised (erasure or the retention job); null while kept. */
  anonymisedAt: z.string().nullable(),
  can: ZStudentAbilities,
});
export type TStudentDetail = z.infer<typeof ZStudentDetail>;

export const ZAssignmentBody = z.object({ userId: z.uuid() });
