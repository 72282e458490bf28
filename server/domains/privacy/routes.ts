import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZApiError } from '../../../common/api/errors.ts';
import {
  ZErasureBody,
  ZErasureLog,
  ZErasureLogQuery,
  ZErasureParams,
  ZErasureResult,
  ZRetentionList,
  ZRopa,
  ZRopaQuery,
} from '../../../common/api/privacy.ts';
import * as service from './service.ts';

const errors = { 400: ZApiError, 401: ZApiError, 403: ZApiError, 404: ZApiError, 409: ZApiError };
const tags = ['privacy'];

/** Erasure of a student, the erasure log, the retention classes and the record of processing (issue 16). */
export const privacyRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database;

  app.post(
    '/students/:id/erasure',
    {
      schema: {
        tags,
        description:
          "Anonymises a student (national admin; the municipal coordinator of the student's school) with a reason category; 409 naming the end of the retention period while one runs; a repeat answers the first erasure (created: false).",
        params: ZErasureParams,
        body: ZErasureBody,
        response: { 200: ZErasureResult, ...errors },
      },
    },
    (req) => db.withTx((tx) => service.eraseStudent(req.ctx, req.params.id, req.body, tx)),
  );

  app.get(
    '/privacy/erasure-log',
    {
      schema: {
        tags,
        description:
          "The newest erasures of the caller's scope (national admin, auditor): who, when, which student, why, which columns.",
        querystring: ZErasureLogQuery,
        response: { 200: ZErasureLog, ...errors },
      },
    },
    (req) => db.withTx((tx) => service.listErasures(req.ctx, req.query.limit, tx)),
  );

  app.get(
    '/privacy/retention',
    {
      schema: {
        tags,
        description:
          'The retention classes with their periods (current settings), rules and sources (national admin, auditor).',
        response: { 200: ZRetentionList, ...errors },
      },
    },
    async (req) => service.readRetentionClasses(req.ctx),
  );

  app.get(
    '/privacy/ropa',
    {
      schema: {
        tags,
        description:
          'The record of processing activities (GDPR Art. 30) generated from the data inventory (national admin, auditor).',
        querystring: ZRopaQuery,
        response: { 200: ZRopa, ...errors },
      },
    },
    async (req) => service.readRopa(req.ctx, req.query.lang),
  );
};
