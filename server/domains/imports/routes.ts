import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZApiError } from '../../../common/api/errors.ts';
import {
  ZImportCommitResult,
  ZImportPreview,
  ZImportPreviewBody,
  ZImportUpload,
  ZImportUploadQuery,
} from '../../../common/api/imports.ts';
import { requireStepUp } from '../../platform/step-up.ts';
import {
  acceptStreamedBodies,
  removeSpooled,
  spoolUpload,
  TABLE_FILE_TYPES,
} from '../../platform/upload-spool.ts';
import * as service from './run-import.ts';

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
/** Bytes of one uploaded class list: the country's 220,000 students fit several times over. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

/** Class-list imports: upload, preview with a column mapping, all-or-nothing commit, error report. */
export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database;
  const tags = ['imports'];
  acceptStreamedBodies(app, TABLE_FILE_TYPES);

  app.post(
    '/imports/students',
    {
      schema: {
        tags,
        description:
          'Upload a class list (CSV with ; or , in UTF-8 or Windows-1257, or XLSX) as the raw request body, streamed to disk.',
        querystring: ZImportUploadQuery,
        response: { 201: ZImportUpload, ...errors },
      },
    },
    async (req, reply) => {
      const { schoolId, fileName } = req.query;
      // The caller's right is checked before the body is read: a refused upload is never stored.
      await service.checkClassListRight(req.ctx, db, schoolId);
      const file = await spoolUpload(req, MAX_IMPORT_BYTES);
      try {
        const result = await service.uploadStudentListFile(req.ctx, db, schoolId, fileName, file);
        return reply.status(201).send(result);
      } finally {
        removeSpooled(file);
      }
    },
  );

  app.post(
    '/imports/:id/preview',
    {
      config: { untimed: true },
      schema: { tags, params: ZId, body: ZImportPreviewBody, response: { 200: ZImportPreview, ...errors } },
    },
    (req) =>
      service.previewStudentListFile(req.ctx, db, req.params.id, req.body.mapping, req.body.excludedRows),
  );

  app.post(
    '/imports/:id/commit',
    {
      config: { untimed: true },
      schema: {
        tags,
        params: ZId,
        body: ZImportPreviewBody,
        response: { 200: ZImportCommitResult, ...errors },
      },
    },
    (req) =>
      service.commitStudentListFile(req.ctx, db, req.params.id, req.body.mapping, req.body.excludedRows),
  );

  app.get('/imports/:id/errors.csv', { schema: { tags, params: ZId } }, async (req, reply) => {
    requireStepUp(req.ctx);
    const csv = await service.errorReportCsvFile(req.ctx, db, req.params.id);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="import-errors.csv"')
      .send(csv);
  });
};
