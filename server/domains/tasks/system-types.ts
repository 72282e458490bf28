import type { Db } from '../../platform/db.ts';

/** One condition that calls for a task now, as a source reports it. */
export interface SystemTaskCandidate {
  /** Names the condition (e.g. `legal_duty:<student>:<semester>`): at most one open task per key. */
  systemKey: string;
  kind: string;
  /** Exactly one of the two: a user, or a role at `orgId` (every holder of the role there). */
  assigneeUserId: string | null;
  assigneeRole: string | null;
  orgId: string;
  studentId: string | null;
  planId: string | null;
  /** yyyy-mm-dd */
  dueDate: string;
  /** Numbers and codes for the title's words; never names or personal codes. */
  params: Record<string, string | number>;
}

/**
 * Whose tasks to look at: the candidates assigned to this user or to one of these (role,
 * organisation) pairs. An empty filter (neither given) means everyone's (the hourly run).
 */
export interface SystemTaskFilter {
  assigneeUserId?: string;
  grants?: { role: string; orgId: string }[];
}

/** Finds the conditions of one kind that hold `today`, within `filter`. */
export type SystemTaskSource = (
  tx: Db,
  today: string,
  filter: SystemTaskFilter,
) => Promise<SystemTaskCandidate[]>;
