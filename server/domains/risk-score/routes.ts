import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZApiError } from '../../../common/api/errors.ts';
import { ZJobStarted } from '../../../common/api/jobs.ts';
import { ZRiskModelCard, ZRiskRanks, ZRiskRanksQuery } from '../../../common/api/risk-score.ts';
import { conflict } from '../../platform/errors.ts';
import { sendRiskScoreRefit } from './refit.ts';
import * as service from './service.ts';

const errors = { 400: ZApiError, 401: ZApiError, 403: ZApiError, 404: ZApiError, 409: ZApiError };

/** The advisory risk score (issue 15): the model card, a school's ranks, and a refit on request. */
export const riskScoreRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database;
  const tags = ['risk-score'];

  app.get(
    '/risk-score/model',
    {
      schema: {
        tags,
        summary: 'The advisory risk score’s model card (no student data)',
        response: { 200: ZRiskModelCard, ...errors },
      },
    },
    (req) => db.read((tx) => service.getModelCard(req.ctx, tx)),
  );
  app.get(
    '/risk-score/ranks',
    {
      schema: {
        tags,
        summary:
          'A school’s students ranked by the advisory risk score, with the indicators behind each rank',
        querystring: ZRiskRanksQuery,
        response: { 200: ZRiskRanks, ...errors },
      },
    },
    (req) => db.withTx((tx) => service.getRanks(req.ctx, req.query, tx)),
  );
  app.post(
    '/risk-score/refit',
    {
      schema: {
        tags,
        summary: 'Refit the national risk score now (a background job; GET /api/jobs/:id)',
        response: { 202: ZJobStarted, ...errors },
      },
    },
    async (req, reply) => {
      await db.read((tx) => service.checkRefit(req.ctx, tx));
      // Sent outside a transaction: the runner records the job in one of its own. One refit at a
      // time, the weekly one included: a double click gets 409 job_running.
      const jobId = await sendRiskScoreRefit(app.jobs, req.ctx.actor?.userId ?? null);
      if (!jobId) throw conflict('job_running');
      await db.withTx((tx) => service.auditRefitRequest(req.ctx, jobId, tx));
      return reply.status(202).send({ jobId });
    },
  );
};
