import { z } from 'zod';

export const JOB_STATES = ['queued', 'running', 'done', 'failed'] as const;

/** A background job's status as a page polls it (GET /api/jobs/:id). */
export const ZJob = z.object({
  id: z.uuid(),
  /** What the job does, e.g. `indicators.recompute`; the client puts it into words (jobs.names.<name>). */
  name: z.string(),
  state: z.enum(JOB_STATES),
  done: z.number().int(),
  total: z.number().int().nullable(),
  /** The handler's result when done (e.g. an import's counts). */
  result: z.unknown(),
  /** A message code when failed. */
  errorCode: z.string().nullable(),
  /** The organisation it belongs to and its name (null: the system's own, admins only). */
  orgId: z.uuid().nullable(),
  organisationName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TJob = z.infer<typeof ZJob>;

/** Recent jobs of the caller's scope, newest first (without results). */
export const ZJobList = z.object({ items: z.array(ZJob.omit({ result: true })) });
export type TJobList = z.infer<typeof ZJobList>;

export const ZJobListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type TJobListQuery = z.infer<typeof ZJobListQuery>;

/** The answer of a route that started a job (202): the id to poll. */
export const ZJobStarted = z.object({ jobId: z.uuid() });
export type TJobStarted = z.infer<typeof ZJobStarted>;

/** Recompute an organisation's student indicators (a job): for this semester, the current one unless given. */
export const ZRecomputeIndicatorsBody = z.object({ semesterId: z.uuid().optional() });
export type TRecomputeIndicatorsBody = z.infer<typeof ZRecomputeIndicatorsBody>;
