import { z } from 'zod';

/** The body of every 4xx/5xx answer of the API. */
export const ZApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    /** The request's id, as in the `x-request-id` header and the server's log line. */
    requestId: z.string().optional(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  }),
});
export type TApiError = z.infer<typeof ZApiError>;
