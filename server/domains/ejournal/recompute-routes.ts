import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZApiError } from '../../../common/api/errors.ts';
import { ZJobStarted, ZRecomputeIndicatorsBody } from '../../../common/api/jobs.ts';
import { conflict } from '../../platform/errors.ts';
import {
  prepareIndicatorRecompute,
  RECOMPUTE_INDICATORS_JOB,
  type RecomputeIndicatorsData,
  recomputeIndicators,
} from './recompute.ts';

const errors = { 400: ZApiError, 401: ZApiError, 403: ZApiError, 404: ZApiError, 409: ZApiError };
const ZId = z.object({ id: z.uuid() });

/**
 * Indicator recomputation as a background job: the route checks and answers 202 with the job's id
 * (GET /api/jobs/:id shows its progress); one job per organisation at a time (409 job_running).
 */
export const indicatorRecomputeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.jobs.register<RecomputeIndicatorsData>(RECOMPUTE_INDICATORS_JOB, (data, job) =>
    recomputeIndicators(app.database, data, job),
  );
  app.post(
    '/organisations/:id/indicators/recompute',
    {
      schema: {
        tags: ['ejournal'],
        params: ZId,
        body: ZRecomputeIndicatorsBody,
        response: { 202: ZJobStarted, ...errors },
      },
    },
    async (req, reply) => {
      const data = await app.database.withTx((tx) =>
        prepareIndicatorRecompute(req.ctx, req.params.id, req.body, tx),
      );
      // Sent after the check's transaction: the runner records the job in a transaction of its own.
      const jobId = await app.jobs.send(RECOMPUTE_INDICATORS_JOB, data, {
        orgId: data.orgId,
        singletonKey: `${RECOMPUTE_INDICATORS_JOB}:${data.orgId}`,
        createdBy: req.ctx.actor?.userId ?? null,
      });
      if (!jobId) throw conflict('job_running');
      return reply.status(202).send({ jobId });
    },
  );
};
