import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  EJOURNAL_KINDS,
  ZAttendanceEntry,
  ZBehaviourEntry,
  ZEjournalImportJob,
  ZEjournalImportQuery,
  ZEjournalImportResult,
  ZIndicators,
  ZLegalDutyBody,
  ZMarkEntry,
  ZStudentCharts,
  ZThresholds,
  ZThresholdsResponse,
  ZWatchList,
  ZWatchListQuery,
  ZWatchListSummary,
} from '../../../common/api/ejournal.ts';
import { ZApiError } from '../../../common/api/errors.ts';
import { requireStepUp } from '../../platform/step-up.ts';
import { acceptStreamedBodies, spoolUpload } from '../../platform/upload-spool.ts';
import * as imports from './import-job.ts';
import { MAX_EJOURNAL_BYTES } from './import-stream.ts';
import { ejournalTemplate } from './rows.ts';
import * as service from './service.ts';
import * as watch from './watch-list.ts';

const errors = {
  400: ZApiError,
  401: ZApiError,
  403: ZApiError,
  404: ZApiError,
  409: ZApiError,
  413: ZApiError,
  415: ZApiError,
};
const ZId = z.object({ id: z.uuid() });
const ZSemesterQuery = z.object({ semesterId: z.uuid().optional() });
const FILE_TYPES = [
  'text/csv',
  'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'text/plain',
];
const ok = z.object({ ok: z.literal(true) });

/** E-journal imports and entries, indicators, charts, the watch list, thresholds and the legal-duty notice. */
export const ejournalRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database;
  const tags = ['ejournal'];
  acceptStreamedBodies(app, FILE_TYPES);
  imports.registerImportJob(app.jobs, db);

  app.post(
    '/ejournal/import',
    {
      schema: {
        tags,
        description:
          'An e-journal export (CSV or XLSX) as the raw body, streamed to disk; all rows or none. With background=true, 202 and a job id (GET /api/jobs/:id) instead of waiting.',
        querystring: ZEjournalImportQuery,
        response: { 200: ZEjournalImportResult, 202: ZEjournalImportJob, ...errors },
      },
    },
    async (req, reply) => {
      const { schoolId, kind, background } = req.query;
      // The caller's right is checked before the body is read: a refused upload is never stored.
      await imports.checkImportRight(req.ctx, db, schoolId);
      const file = await spoolUpload(req, MAX_EJOURNAL_BYTES);
      if (background === 'true') {
        const jobId = await imports.sendImportJob(app.jobs, req.ctx, { schoolId, kind, file });
        return reply.status(202).send({ jobId });
      }
      return reply.send(await imports.runImportNow(req.ctx, db, { schoolId, kind, file }));
    },
  );
  app.get(
    '/ejournal/templates/:kind',
    { schema: { tags, params: z.object({ kind: z.enum(EJOURNAL_KINDS) }) } },
    async (req, reply) =>
      reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="pumpurs-${req.params.kind}.csv"`)
        .send(ejournalTemplate(req.params.kind)),
  );

  for (const [kind, body] of [
    ['attendance', ZAttendanceEntry],
    ['marks', ZMarkEntry],
    ['behaviour', ZBehaviourEntry],
  ] as const) {
    app.post(
      `/students/:id/${kind}`,
      { schema: { tags, params: ZId, body, response: { 201: ok, ...errors } } },
      async (req, reply) => {
        await db.withTx((tx) =>
          service.enterRecord(req.ctx, req.params.id, kind, req.body as Record<string, unknown>, tx),
        );
        return reply.status(201).send({ ok: true as const });
      },
    );
  }

  app.get(
    '/students/:id/indicators',
    {
      schema: {
        tags,
        params: ZId,
        querystring: ZSemesterQuery,
        response: { 200: ZIndicators.nullable(), ...errors },
      },
    },
    (req) =>
      db.withTx((tx) => service.getStudentIndicators(req.ctx, req.params.id, req.query.semesterId, tx)),
  );
  app.get(
    '/students/:id/charts',
    {
      schema: {
        tags,
        params: ZId,
        querystring: ZSemesterQuery,
        response: { 200: ZStudentCharts, ...errors },
      },
    },
    (req) => db.withTx((tx) => service.getStudentCharts(req.ctx, req.params.id, req.query.semesterId, tx)),
  );
  app.post(
    '/students/:id/legal-duty',
    { schema: { tags, params: ZId, body: ZLegalDutyBody, response: { 201: ok, ...errors } } },
    async (req, reply) => {
      await db.withTx((tx) =>
        watch.recordLegalDuty(req.ctx, req.params.id, req.body.semesterId, req.body.informedOn, tx),
      );
      return reply.status(201).send({ ok: true as const });
    },
  );

  app.get(
    '/watch-list',
    { schema: { tags, querystring: ZWatchListQuery, response: { 200: ZWatchList, ...errors } } },
    (req) => db.withTx((tx) => watch.getWatchList(req.ctx, req.query, tx)),
  );
  app.get(
    '/watch-list/summary',
    {
      schema: {
        tags,
        querystring: z.object({ schoolId: z.uuid().optional(), semesterId: z.uuid().optional() }),
        response: { 200: ZWatchListSummary, ...errors },
      },
    },
    (req) => db.read((tx) => watch.getWatchListSummary(req.ctx, req.query, tx)),
  );
  app.get('/watch-list.xlsx', { schema: { tags, querystring: ZWatchListQuery } }, async (req, reply) => {
    requireStepUp(req.ctx);
    const buf = await db.withTx((tx) => watch.exportWatchList(req.ctx, req.query, tx));
    return reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', 'attachment; filename="bridinajumu-saraksts.xlsx"')
      .send(buf);
  });

  app.get(
    '/organisations/:id/thresholds',
    { schema: { tags, params: ZId, response: { 200: ZThresholdsResponse, ...errors } } },
    (req) => db.read((tx) => watch.getThresholds(req.ctx, req.params.id, tx)),
  );
  app.put(
    '/organisations/:id/thresholds',
    { schema: { tags, params: ZId, body: ZThresholds, response: { 200: ZThresholdsResponse, ...errors } } },
    (req) => db.withTx((tx) => watch.setThresholds(req.ctx, req.params.id, req.body, tx)),
  );
};
