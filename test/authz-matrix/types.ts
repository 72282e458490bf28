import type { Role } from '../../common/roles.ts';
import type { RouteSample } from '../bad-input-samples.ts';

/**
 * Where the target record of a case sits, seen from the signed-in user (every user's home is school 1
 * of Ziemeļu novads, or Ziemeļu novads itself, or the partner institution school 1 refers to).
 */
export const RELATIONS = ['own', 'sibling', 'other_municipality', 'state_school', 'moved_former'] as const;
export type Relation = (typeof RELATIONS)[number];

/**
 * What the route's id names, which decides which relations are in a user's scope:
 * - `student`: a student (and its guardians, applications, notes, risks, letters, tasks);
 * - `plan`: a plan (for `moved_former`, the plan left behind at school 1, which school 1 still reads);
 * - `school`: a school (path id, `schoolId` in the query or body);
 * - `municipality`: a municipality (`org` of the reports): own/sibling = Ziemeļu, other = Dienvidu;
 * - `referral`: a referral to a partner institution;
 * - `user`: a teacher account of the relation's school;
 * - `none`: no record (the caller's own things, reference data): walked once per role as `own`.
 */
export type TargetKind = 'student' | 'plan' | 'school' | 'municipality' | 'referral' | 'user' | 'none';

/** The records of one relation that requests are built from. */
export interface Target {
  schoolId: string;
  municipalityId: string;
  studentId: string;
  planId: string;
  measureId: string;
  /** The consultation's provider (for the own plan: the matrix's teacher). */
  providerId: string;
  /** A session of the consultation planned for its provider by the school's coordinator. */
  plannedId: string;
  /** An extra grant (specialist) of the relation school's teacher `userId`. */
  grantId: string;
  /** The plan's economic measure (its payments). */
  economicMeasureId: string;
  /** A payment on the economic measure, its receipt scanned. */
  paymentId: string;
  /** A signed copy of the plan. */
  signedFileId: string;
  /** A session of the consultation, given by its provider (for the own plan: the matrix's teacher). */
  sessionId: string;
  /** A class list uploaded for the school, not committed. */
  importId: string;
  /** A background job of the school (its indicators recomputed). */
  jobId: string;
  userId: string;
  referralId: string;
  guardianId: string;
  applicationId: string;
  noteId: string;
  riskId: string;
  letterId: string;
  taskId: string;
  partnerId: string;
}

/** What a case builds its request from: the relation's records and the shared reference data. */
export interface SampleContext {
  t: Target;
  /** The own relation's records (bulk requests mix an own id with the relation's). */
  own: Target;
  /** Every relation's records. */
  targets: Record<Relation, Target>;
  /** The ids of the signed-in user and of the other roles' users. */
  userIds: Record<Role, string>;
  today: string;
  semesterId: string;
  /** The current semester's school year (the year it starts in). */
  schoolYear: number;
  nationId: string;
  riskItemId: string;
}

/**
 * One route's row of the matrix.
 * - `kind`: what its id names (see `TargetKind`);
 * - `roles`: the roles that may do it on a record in their scope (deny by default);
 * - `list`: a list filtered by scope; out of scope it may answer 200 with only the caller's rows
 *   (the leak check still applies) instead of 404;
 * - `ok`: the statuses that mean "passed the gate" when allowed (default 200/201/204); list a 409 or
 *   400 only when the business state or the sample is refused after the gate, and say why in `why`;
 * - `audit`: an allowed call writes an audit row with the request id (student data);
 * - `auditDenied`: a 404 out of scope writes a denied audit row with the request id;
 * - `sample`: the request (defaults to the bad-input walk's sample with the relation's ids);
 * - `write`: changes data: walked after every read, foreign relations first, the own relation last;
 * - `relations`: only these relations (e.g. the moved student means nothing for a semester).
 */
export interface MatrixEntry {
  kind: TargetKind;
  roles: readonly Role[];
  list?: boolean;
  ok?: readonly number[];
  why?: string;
  audit?: boolean;
  auditDenied?: boolean;
  sample?: (ctx: SampleContext) => RouteSample;
  relations?: readonly Relation[];
  /** Statuses allowed out of scope (default 404; lists also 200), with the reason in `why`. */
  notFound?: readonly number[];
  /** Statuses allowed for a role without the right (default 403 and 404). */
  denied?: readonly number[];
  /** Sign in a new client for each case (sign-out would end the shared client's session). */
  freshClient?: boolean;
  /** Labels of `forbiddenFor` strings this route may show, with the reason in `why`. */
  mayShow?: readonly string[];
  /** Walk after the routes with a lower number (default 0): 1 ends records, 2 moves the student. */
  order?: number;
  /** Per role, the relations in scope when they differ from the kind's default. */
  scope?: Partial<Record<Role, readonly Relation[]>>;
}

export type Matrix = Record<string, MatrixEntry>;
