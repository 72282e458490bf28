import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZApiError } from '../../../common/api/errors.ts';
import { zLine } from '../../../common/api/fields.ts';
import { SIGNED_FILE_TYPES, ZSignedFileList } from '../../../common/api/plan-files.ts';
import { MAX_SCAN_BYTES } from '../../platform/files/index.ts';
import { acceptRawBodies, sendDownload, uploadedBody } from '../../platform/raw-body.ts';
import { listSignedFiles, readSignedFile, uploadSignedFile } from './signed-files.ts';

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

/**
 * The signed plan: scans (PDF/JPEG/PNG) and eParaksts containers (.edoc/.asice) uploaded as the raw
 * body, listed with who uploaded them and when, and downloaded as stored.
 */
export const signedFileRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database;
  const tags = ['plans'];
  acceptRawBodies(app, [...SIGNED_FILE_TYPES], MAX_SCAN_BYTES + 1024);

  app.get(
    '/plans/:id/signed-files',
    { schema: { tags, params: ZId, response: { 200: ZSignedFileList, ...errors } } },
    (req) => db.withTx((tx) => listSignedFiles(req.ctx, req.params.id, tx)),
  );
  app.post(
    '/plans/:id/signed-files',
    {
      schema: {
        tags,
        description:
          'The signed plan as the raw body: a scan (application/pdf, image/jpeg, image/png) or an eParaksts container (application/vnd.etsi.asic-e+zip, .edoc/.asice), at most 5 MB.',
        params: ZId,
        querystring: z.object({ fileName: zLine(200, 1) }),
        response: { 201: ZSignedFileList, ...errors },
      },
    },
    async (req, reply) => {
      const { content, contentType } = uploadedBody(req, 'signed_file_type');
      await db.withTx((tx) =>
        uploadSignedFile(req.ctx, req.params.id, { fileName: req.query.fileName, contentType, content }, tx),
      );
      return reply.status(201).send(await db.withTx((tx) => listSignedFiles(req.ctx, req.params.id, tx)));
    },
  );
  app.get(
    '/plans/:id/signed-files/:fileId',
    { schema: { tags, params: z.object({ id: z.uuid(), fileId: z.uuid() }) } },
    async (req, reply) => {
      const file = await db.withTx((tx) => readSignedFile(req.ctx, req.params.id, req.params.fileId, tx));
      return sendDownload(reply, file);
    },
  );
};
