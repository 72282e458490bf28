import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZApiError } from '../../../common/api/errors.ts';
import { ZSubjectExportQuery } from '../../../common/api/subject-access.ts';
import { sendDownload } from '../../platform/raw-body.ts';
import * as service from './service.ts';

const errors = { 400: ZApiError, 401: ZApiError, 403: ZApiError, 404: ZApiError };
const params = z.object({ id: z.uuid() });

/** Everything held about one student, as a JSON document or a readable PDF (a download either way). */
export const subjectExportRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database;
  app.get(
    '/students/:id/subject-export',
    { schema: { tags: ['students'], params, querystring: ZSubjectExportQuery, response: errors } },
    async (req, reply) => {
      const file = await db.withTx((tx) => service.subjectExportFile(req.ctx, req.params.id, req.query, tx));
      return sendDownload(reply, file);
    },
  );
};
