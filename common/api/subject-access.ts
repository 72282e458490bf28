import { z } from 'zod';

/**
 * The data-subject access export (GDPR Art. 15): everything Pumpurs holds about one student, as one
 * versioned document. Every section is a list of flat rows (the student's own record is a list of one)
 * so that a reader, the PDF and the coverage test can walk them alike. Dates are `yyyy-mm-dd`,
 * instants UTC ISO strings, money integer cents, semesters `yyyy/yyyy-n` (school year and number).
 * Secrets (password, PIN and token hashes) and other students' data are never part of it.
 */
export const SUBJECT_EXPORT_SCHEMA = 'pumpurs.subject-export';
export const SUBJECT_EXPORT_VERSION = 1;
export const SUBJECT_EXPORT_FORMATS = ['json', 'pdf'] as const;
/** A section holds at most this many rows (newest first); a longer one is listed in `truncated`. */
export const SUBJECT_EXPORT_ROW_CAP = 20_000;
/** The PDF prints at most this many rows of a section and says how many more the JSON holds. */
export const SUBJECT_EXPORT_PDF_ROWS = 300;

const text = z.string().nullable();
const num = z.number().nullable();
const bool = z.boolean().nullable();
const texts = z.array(z.string()).nullable();

export const ZSubjectExportQuery = z.object({
  format: z.enum(SUBJECT_EXPORT_FORMATS).default('json'),
  language: z.enum(['lv', 'en']).optional(),
});
export type TSubjectExportQuery = z.infer<typeof ZSubjectExportQuery>;

/** The sections, in the order the PDF prints them; each row's fields in the order of its columns. */
export const ZSubjectSections = z.object({
  student: z.array(
    z.object({
      id: z.string(),
      personalCode: text,
      personalCodeWarning: bool,
      firstName: text,
      lastName: text,
      birthDate: text,
      gender: text,
      school: text,
      grade: num,
      course: num,
      classLabel: text,
      status: text,
      statusDate: text,
      statusReason: text,
      createdAt: text,
      updatedAt: text,
    }),
  ),
  guardians: z.array(
    z.object({
      id: z.string(),
      firstName: text,
      lastName: text,
      relation: text,
      phone: text,
      email: text,
      language: text,
      createdAt: text,
    }),
  ),
  applications: z.array(
    z.object({
      id: z.string(),
      signedOn: text,
      signerType: text,
      guardian: text,
      signerName: text,
      scope: text,
      documentRef: text,
      fileId: text,
      withdrawnOn: text,
      withdrawalReason: text,
      createdAt: text,
      createdBy: text,
    }),
  ),
  assignedStaff: z.array(z.object({ staff: text, since: text, assignedBy: text })),
  moves: z.array(
    z.object({
      movedOn: text,
      fromSchool: text,
      toSchool: text,
      reason: text,
      createdAt: text,
      createdBy: text,
    }),
  ),
  indicators: z.array(
    z.object({
      semester: text,
      school: text,
      unjustifiedLessons: num,
      justifiedLessons: num,
      otherLessons: num,
      presentLessons: num,
      lowMarks: num,
      markAverage: num,
      previousAverage: num,
      behaviourNotes: num,
      legalDutyCrossedOn: text,
      lastRecordOn: text,
      flagCount: num,
      computedAt: text,
    }),
  ),
  attendance: z.array(
    z.object({ onDate: text, lessonNo: num, lessons: num, subject: text, reason: text, source: text }),
  ),
  marks: z.array(z.object({ onDate: text, subject: text, mark: text, value: num, source: text })),
  behaviourNotes: z.array(z.object({ onDate: text, kind: text, note: text, source: text })),
  legalDutyNotices: z.array(
    z.object({ semester: text, informedOn: text, informedBy: text, createdAt: text }),
  ),
  risks: z.array(
    z.object({
      semester: text,
      code: text,
      name: text,
      justification: text,
      foundOn: text,
      foundBy: text,
      removedAt: text,
      removedBy: text,
    }),
  ),
  plans: z.array(
    z.object({
      id: z.string(),
      code: text,
      school: text,
      semester: text,
      classLabel: text,
      status: text,
      approvalLevel: text,
      version: num,
      revisionOf: text,
      preparer: text,
      supervisor: text,
      pausedReason: text,
      evaluation: z.unknown(),
      movedOutAt: text,
      createdAt: text,
      updatedAt: text,
    }),
  ),
  planVersions: z.array(
    z.object({ planCode: text, version: num, submittedAt: text, submittedBy: text, content: z.unknown() }),
  ),
  planGoals: z.array(z.object({ planCode: text, position: num, text: text, criterion: text })),
  planRisks: z.array(z.object({ planCode: text, position: num, riskCode: text, riskName: text })),
  planMeasures: z.array(
    z.object({
      planCode: text,
      position: num,
      kind: text,
      consultationType: text,
      subject: text,
      plannedHours: num,
      economicCategory: text,
      plannedCents: num,
      otherType: text,
      description: text,
      justification: text,
      providers: texts,
      riskCodes: texts,
      removedAt: text,
    }),
  ),
  planEvents: z.array(
    z.object({
      planCode: text,
      at: text,
      by: text,
      action: text,
      fromStatus: text,
      toStatus: text,
      level: text,
      version: num,
      comment: text,
      measureComments: texts,
    }),
  ),
  planSignedFiles: z.array(
    z.object({ planCode: text, kind: text, fileId: text, sha256: text, uploadedBy: text, uploadedAt: text }),
  ),
  plannedSessions: z.array(
    z.object({
      planCode: text,
      startsAt: text,
      minutes: num,
      mode: text,
      room: text,
      provider: text,
      status: text,
      cancelReason: text,
    }),
  ),
  supportSessions: z.array(
    z.object({
      onDate: text,
      startTime: text,
      minutes: num,
      mode: text,
      provider: text,
      planCode: text,
      measureKind: text,
      /** The session's topic, only when the student was its only participant (a group's topic may name others). */
      topic: text,
      groupSession: bool,
      confirmedAt: text,
      confirmedVia: text,
    }),
  ),
  pin: z.array(z.object({ setAt: text, setBy: text, failedAttempts: num })),
  economicSupport: z.array(
    z.object({
      planCode: text,
      onDate: text,
      category: text,
      amountCents: num,
      recipient: text,
      documentRef: text,
      fileId: text,
      createdAt: text,
      createdBy: text,
    }),
  ),
  overCapDecisions: z.array(
    z.object({ category: text, reason: text, school: text, decidedBy: text, createdAt: text }),
  ),
  timesheetLines: z.array(z.object({ planCode: text, month: text, kind: text, minutes: num, hours: num })),
  letters: z.array(
    z.object({
      sentAt: text,
      kind: text,
      language: text,
      method: text,
      recipient: text,
      recipientEmail: text,
      planCode: text,
      sentBy: text,
      school: text,
      fileId: text,
    }),
  ),
  referrals: z.array(
    z.object({
      code: text,
      sentAt: text,
      partner: text,
      partnerKind: text,
      planCode: text,
      reason: text,
      urgency: text,
      dueOn: text,
      items: texts,
      sharedData: z.unknown(),
      status: text,
      response: text,
      responseFileId: text,
      sentBy: text,
      school: text,
      updatedAt: text,
    }),
  ),
  referralEvents: z.array(z.object({ referralCode: text, at: text, status: text, by: text })),
  caseNotes: z.array(
    z.object({
      id: z.string(),
      onDate: text,
      type: text,
      visibility: text,
      text: text,
      author: text,
      revision: num,
      createdAt: text,
      updatedAt: text,
    }),
  ),
  caseNoteRevisions: z.array(
    z.object({
      noteId: text,
      revision: num,
      onDate: text,
      type: text,
      visibility: text,
      text: text,
      editedBy: text,
      editedAt: text,
    }),
  ),
  tasks: z.array(
    z.object({
      title: text,
      kind: text,
      planCode: text,
      assigneeRole: text,
      dueOn: text,
      status: text,
      doneAt: text,
      createdAt: text,
    }),
  ),
  notifications: z.array(
    z.object({ planCode: text, kind: text, recipient: text, createdAt: text, readAt: text, doneAt: text }),
  ),
  outcomes: z.array(
    z.object({
      schoolYear: num,
      school: text,
      outcome: text,
      reason: text,
      source: text,
      recordedBy: text,
      recordedAt: text,
    }),
  ),
  files: z.array(
    z.object({
      id: z.string(),
      usedFor: text,
      fileName: text,
      contentType: text,
      size: num,
      sha256: text,
      createdAt: text,
    }),
  ),
  /** The erasure log's row about the student (issue 16): when, why (a category) and what was cleared. */
  erasures: z.array(
    z.object({ erasedAt: text, trigger: text, reason: text, organisation: text, cleared: z.unknown() }),
  ),
  /** Who read or changed the student's data: the actor's roles and the organisation, never a name. */
  auditTrail: z.array(
    z.object({
      at: text,
      action: text,
      outcome: text,
      entityType: text,
      actorRoles: texts,
      organisation: text,
    }),
  ),
});
export type TSubjectSections = z.infer<typeof ZSubjectSections>;
export type SubjectSectionKey = keyof TSubjectSections;
export const SUBJECT_SECTION_KEYS = Object.keys(ZSubjectSections.shape) as SubjectSectionKey[];

export const ZSubjectExport = z.object({
  schema: z.literal(SUBJECT_EXPORT_SCHEMA),
  version: z.literal(SUBJECT_EXPORT_VERSION),
  generatedAt: z.string(),
  requestedBy: z.object({ name: z.string(), roles: z.array(z.string()) }),
  studentId: z.string(),
  /** Sections that reached SUBJECT_EXPORT_ROW_CAP rows (the newest are kept). */
  truncated: z.array(z.string()),
  sections: ZSubjectSections,
});
export type TSubjectExport = z.infer<typeof ZSubjectExport>;
