import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZLive, ZReady } from '../../common/api/health.ts';

/** How long readiness waits for the database before it says the instance is not ready. */
export const READY_TIMEOUT_MS = 2_000;

/** Resolves true when `work` finishes within `ms`, false when it fails or takes longer. */
async function answersWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true as const), late]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Liveness and readiness for a load balancer or an orchestrator. `/health/live` answers while the
 * process runs (restart it when this fails); `/health/ready` answers 200 when the database answers
 * `select 1` within READY_TIMEOUT_MS and 503 otherwise (send it no traffic until it is ready).
 * Neither needs a session, and load shedding never refuses them.
 */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health/live',
    { config: { public: true }, schema: { tags: ['system'], response: { 200: ZLive } } },
    async () => ({ status: 'ok' as const }),
  );

  app.get(
    '/health/ready',
    { config: { public: true }, schema: { tags: ['system'], response: { 200: ZReady, 503: ZReady } } },
    async (_request, reply) => {
      const ok = await answersWithin(
        app.database.read((db) => db.execute(sql`select 1`)),
        READY_TIMEOUT_MS,
      );
      const database = app.database.kind;
      if (!ok) return reply.status(503).send({ status: 'unavailable' as const, database });
      return { status: 'ok' as const, database };
    },
  );
};
