import type { RequestContext } from './actor.ts';
import type { Config } from './config.ts';
import type { Database } from './db.ts';

declare module 'fastify' {
  interface FastifyInstance {
    database: Database;
    config: Config;
    /** Every route registered, for the route-table tests. */
    routeTable: { method: string; url: string }[];
  }
  interface FastifyRequest {
    ctx: RequestContext;
    sessionToken: string | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (health, csrf, login, openapi). */
    public?: boolean;
  }
}
