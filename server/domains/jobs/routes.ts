import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZApiError } from '../../../common/api/errors.ts';
import { ZJob, ZJobList, ZJobListQuery } from '../../../common/api/jobs.ts';
import * as service from './service.ts';

const errors = { 400: ZApiError, 401: ZApiError, 403: ZApiError, 404: ZApiError };
const tags = ['jobs'];
const ZId = z.object({ id: z.uuid() });

/** Background jobs: the recent jobs of the caller's scope and one job's progress (any instance answers). */
export const jobRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database;

  app.get(
    '/jobs',
    { schema: { tags, querystring: ZJobListQuery, response: { 200: ZJobList, ...errors } } },
    (req) => db.read((tx) => service.listJobs(req.ctx, req.query, tx)),
  );
  app.get('/jobs/:id', { schema: { tags, params: ZId, response: { 200: ZJob, ...errors } } }, (req) =>
    db.withTx((tx) => service.getJob(req.ctx, req.params.id, tx)),
  );
};
