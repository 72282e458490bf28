import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZChronology, ZChronologyPdfQuery, ZChronologyQuery } from '../../../common/api/chronology.ts';
import { ZApiError } from '../../../common/api/errors.ts';
import { sendDownload } from '../../platform/raw-body.ts';
import * as service from './service.ts';

const errors = { 400: ZApiError, 401: ZApiError, 403: ZApiError, 404: ZApiError };
const tags = ['chronology'];
const params = z.object({ id: z.uuid() });

/** A student's chronology (a page of entries, newest first) and its PDF for a case conference. */
export const chronologyRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database;
  app.get(
    '/students/:id/chronology',
    { schema: { tags, params, querystring: ZChronologyQuery, response: { 200: ZChronology, ...errors } } },
    (req) => db.withTx((tx) => service.getChronology(req.ctx, req.params.id, req.query, tx)),
  );
  app.get(
    '/students/:id/chronology.pdf',
    { schema: { tags, params, querystring: ZChronologyPdfQuery } },
    async (req, reply) => {
      const file = await db.withTx((tx) => service.chronologyFile(req.ctx, req.params.id, req.query, tx));
      return sendDownload(reply, file);
    },
  );
};
