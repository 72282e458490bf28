import { z } from 'zod';

/** Liveness: the process answers (no database asked). */
export const ZLive = z.object({ status: z.literal('ok') });

/** Readiness: whether the database answered within the check's time. */
export const ZReady = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.enum(['pglite', 'postgres']),
});
export type TReady = z.infer<typeof ZReady>;
