import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZAuditList, ZAuditQuery } from '../../../common/api/audit.ts';
import { ZAuditSummary } from '../../../common/api/audit-summary.ts';
import { ZApiError } from '../../../common/api/errors.ts';
import { listAuditEvents } from './service.ts';
import { auditSummary } from './summary.ts';

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
  // The start page's counts (last 7 days), e.g. the auditor's entry point.
  app.get(
    '/audit/summary',
    { schema: { tags: ['audit'], response: { 200: ZAuditSummary, 401: ZApiError, 403: ZApiError } } },
    (req) => app.database.read((tx) => auditSummary(req.ctx, tx)),
  );
};
