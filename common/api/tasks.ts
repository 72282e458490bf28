import { z } from 'zod';
import { ZEventDate, zLine } from './fields.ts';

/** The kinds of task the system makes; the client puts each into words (tasks.kinds.<kind>). */
export const SYSTEM_TASK_KINDS = [
  'plan_evaluate',
  'legal_duty',
  'session_confirm',
  'referral_overdue',
] as const;

/** Longest title of a task made by hand. */
export const TASK_TITLE_MAX = 200;

export const TASK_STATUSES = ['open', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const ZTask = z.object({
  id: z.uuid(),
  /** A task made by hand has a title; a system task a kind and its params instead. */
  title: z.string().nullable(),
  kind: z.string().nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  dueOn: z.string(),
  status: z.enum(TASK_STATUSES),
  overdue: z.boolean(),
  doneAt: z.string().nullable(),
  doneByName: z.string().nullable(),
  doneAutomatically: z.boolean(),
  /** Who does it: a person by name, or a role at an organisation. */
  assigneeName: z.string().nullable(),
  assigneeRole: z.string().nullable(),
  organisationName: z.string(),
  /** The student and plan, named only for those who may see the student. */
  student: z.object({ id: z.uuid(), name: z.string().nullable() }).nullable(),
  plan: z.object({ id: z.uuid(), code: z.string().nullable() }).nullable(),
  can: z.object({ complete: z.boolean(), reopen: z.boolean() }),
});
export type TTask = z.infer<typeof ZTask>;

export const ZTaskCounts = z.object({ open: z.number().int(), overdue: z.number().int() });
export type TTaskCounts = z.infer<typeof ZTaskCounts>;

export const ZTaskList = z.object({ items: z.array(ZTask), counts: ZTaskCounts });
export type TTaskList = z.infer<typeof ZTaskList>;

export const ZTaskListQuery = z.object({ status: z.enum(TASK_STATUSES).default('open') });
export type TTaskListQuery = z.infer<typeof ZTaskListQuery>;

export const ZCreateTaskBody = z.object({
  title: zLine(TASK_TITLE_MAX, 1),
  dueOn: ZEventDate,
  /** Whom it is for: a user in the caller's scope; the caller when left out. */
  assigneeUserId: z.uuid().optional(),
  studentId: z.uuid().optional(),
  planId: z.uuid().optional(),
});
export type TCreateTaskBody = z.infer<typeof ZCreateTaskBody>;

/** The people a task may be given to (the caller first). */
export const ZTaskAssignees = z.object({
  items: z.array(z.object({ id: z.uuid(), name: z.string(), organisationName: z.string() })),
});
export type TTaskAssignees = z.infer<typeof ZTaskAssignees>;
