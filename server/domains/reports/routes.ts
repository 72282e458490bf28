import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZApiError } from '../../../common/api/errors.ts';
import { ZJobStarted } from '../../../common/api/jobs.ts';
import {
  ZProgrammeFigures,
  ZReportExportQuery,
  ZReportIndicators,
  ZReportPeriods,
  ZReportQuery,
  ZReportRefreshBody,
  ZReportStudents,
  ZReportStudentsQuery,
} from '../../../common/api/reports.ts';
import { conflict } from '../../platform/errors.ts';
import { requireStepUp } from '../../platform/step-up.ts';
import { type ExportFormat, loadExport, renderExport } from './export-service.ts';
import { getProgramme } from './programme.ts';
import { sendReportRefresh } from './refresh-job.ts';
import * as reports from './service.ts';

const errors = { 400: ZApiError, 401: ZApiError, 403: ZApiError, 404: ZApiError, 409: ZApiError };

/**
 * The report API (issue 14): the figures of an organisation in a period (also the ministry's report
 * API), the drill-down's students, the programme's published figures, the exports, and a refresh.
 */
export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database;
  const tags = ['reports'];

  app.get('/reports/periods', { schema: { tags, response: { 200: ZReportPeriods, ...errors } } }, (req) =>
    db.read((tx) => reports.getPeriods(req.ctx, tx)),
  );
  app.get(
    '/reports/indicators',
    {
      schema: {
        tags,
        summary: 'The figures of an organisation in a period (the ministry report API)',
        description:
          'Every indicator of the nation, a municipality or a school in a semester (2026-1) or school year (2026), with the children organisations’ headline figures. The auditor’s answer has small numbers suppressed.',
        querystring: ZReportQuery,
        response: { 200: ZReportIndicators, ...errors },
      },
    },
    (req) => db.read((tx) => reports.getIndicators(req.ctx, req.query, tx)),
  );
  app.get(
    '/reports/students',
    { schema: { tags, querystring: ZReportStudentsQuery, response: { 200: ZReportStudents, ...errors } } },
    (req) => db.withTx((tx) => reports.getStudents(req.ctx, req.query, tx)),
  );
  app.get(
    '/reports/programme',
    {
      schema: {
        tags,
        querystring: z.object({ org: z.uuid().optional() }),
        response: { 200: ZProgrammeFigures, ...errors },
      },
    },
    (req) => db.read((tx) => getProgramme(req.ctx, req.query, tx)),
  );
  app.post(
    '/reports/refresh',
    { schema: { tags, body: ZReportRefreshBody, response: { 202: ZJobStarted, ...errors } } },
    async (req, reply) => {
      const data = await db.withTx((tx) => reports.prepareRefresh(req.ctx, req.body, tx));
      // Sent after the check's transaction: the runner records the job in a transaction of its own.
      // One refresh per period at a time: a double click gets 409 job_running.
      const jobId = await sendReportRefresh(app.jobs, data.period, req.ctx.actor?.userId ?? null, data.orgId);
      if (!jobId) throw conflict('job_running');
      return reply.status(202).send({ jobId });
    },
  );

  const exportRoute = (path: string, format: ExportFormat) =>
    app.get(path, { schema: { tags, querystring: ZReportExportQuery } }, async (req, reply) => {
      requireStepUp(req.ctx);
      const answer = await db.withTx((tx) => loadExport(req.ctx, req.query, format, tx));
      const file = await renderExport(req.ctx, answer, format, req.query.table);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.body);
    });
  exportRoute('/reports/export.xlsx', 'xlsx');
  exportRoute('/reports/export.csv', 'csv');
  exportRoute('/reports/report.pdf', 'pdf');
};
