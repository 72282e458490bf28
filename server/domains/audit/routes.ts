import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZAuditList, ZAuditQuery } from '../../../common/api/audit.ts';
import { ZApiError } from '../../../common/api/errors.ts';
import { listAuditEvents } from './service.ts';

/** The audit viewer for admins and coordinators. */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        querystring: ZAuditQuery,
        response: { 200: ZAuditList, 400: ZApiError, 401: ZApiError, 403: ZApiError },
      },
    },
    (req) => app.database.read((tx) => listAuditEvents(req.ctx, req.query, tx)),
  );
};
