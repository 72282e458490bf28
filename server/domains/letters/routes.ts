import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZApiError } from '../../../common/api/errors.ts';
import {
  ZLetter,
  ZLetterList,
  ZLetterPreview,
  ZLetterPreviewBody,
  ZLetterTemplateBody,
  ZLetterTemplateList,
  ZLetterTemplateParams,
  ZSendLetterBody,
} from '../../../common/api/letters.ts';
import { createMailer } from '../../platform/mail.ts';
import { sendDownload } from '../../platform/raw-body.ts';
import * as service from './service.ts';

const errors = { 400: ZApiError, 401: ZApiError, 403: ZApiError, 404: ZApiError, 409: ZApiError };
const tags = ['letters'];

/** Letters to guardians (generated, recorded, printed or e-mailed) and their national templates. */
export const letterRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database;
  const mailer = createMailer(app.config.mail);

  app.get(
    '/letter-templates',
    { schema: { tags, response: { 200: ZLetterTemplateList, ...errors } } },
    async (req) => ({ items: await db.withTx((tx) => service.listTemplates(req.ctx, tx)) }),
  );
  app.put(
    '/letter-templates/:kind/:language',
    {
      schema: {
        tags,
        params: ZLetterTemplateParams,
        body: ZLetterTemplateBody,
        response: { 200: ZLetterTemplateList, ...errors },
      },
    },
    async (req) => ({
      items: await db.withTx((tx) =>
        service.updateTemplate(req.ctx, req.params.kind, req.params.language, req.body, tx),
      ),
    }),
  );
  app.post(
    '/letter-templates/preview',
    { schema: { tags, body: ZLetterPreviewBody, response: { 200: ZLetterPreview, ...errors } } },
    async (req) => service.previewTemplate(req.ctx, req.body),
  );

  app.get(
    '/students/:id/letters',
    { schema: { tags, params: z.object({ id: z.uuid() }), response: { 200: ZLetterList, ...errors } } },
    (req) => db.withTx((tx) => service.listLetters(req.ctx, req.params.id, tx)),
  );
  app.post(
    '/students/:id/letters',
    {
      schema: {
        tags,
        params: z.object({ id: z.uuid() }),
        body: ZSendLetterBody,
        response: { 201: ZLetter, ...errors, 502: ZApiError },
      },
    },
    async (req, reply) => {
      const letter = await db.withTx((tx) =>
        service.sendLetter(req.ctx, req.params.id, req.body, tx, mailer),
      );
      return reply.status(201).send(letter);
    },
  );
  app.get(
    '/students/:id/letters/:letterId/pdf',
    { schema: { tags, params: z.object({ id: z.uuid(), letterId: z.uuid() }) } },
    async (req, reply) => {
      const file = await db.withTx((tx) =>
        service.letterFile(req.ctx, req.params.id, req.params.letterId, tx),
      );
      return sendDownload(reply, file);
    },
  );
};
