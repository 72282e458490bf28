import type { RequestContext } from './actor.ts';
import type { Config } from './config.ts';
import type { Database } from './db.ts';
import type { JobRunner } from './jobs.ts';
import type { MessageCode } from './messages.ts';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    config: Config;
    /** Background jobs (server/platform/jobs.ts). */
    jobs: JobRunner;
    /** Every route registered, for the route-table tests. */
    routeTable: { method: string; url: string; schema?: RouteSchemas }[];
  }
  interface FastifyRequest {
    ctx: RequestContext;
    sessionToken: string | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (health, csrf, login, openapi). */
    public?: boolean;
    /**
     * Reachable by a session that still owes its second factor (issue 16): the second-factor routes,
     * /api/me, sign-out. Every other route answers such a session 401 `second_factor_required`.
     */
    pendingSecondFactor?: boolean;
    /**
     * A route whose successful answer is a file that must not be kept (it holds secrets, e.g. PINs)
     * and that must not run twice for one `Idempotency-Key`: a replay answers 409 with this code.
     */
    fileAnswerReplay?: MessageCode;
    /**
     * Work on a stored file (an import's preview and commit) that may run past REQUEST_TIMEOUT_MS:
     * not answered 503 `request_timeout` while it still runs and would then commit anyway. Its
     * statements run under the long statement timeout and one import runs per school.
     */
    untimed?: boolean;
  }
}

/** The request schemas a route declared (zod), kept in the route table for the bad-input walk. */
export interface RouteSchemas {
  body?: unknown;
  querystring?: unknown;
  params?: unknown;
}
