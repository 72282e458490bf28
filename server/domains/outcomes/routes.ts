import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZApiError } from '../../../common/api/errors.ts';
import {
  ZOutcomeBody,
  ZOutcomeDeleteQuery,
  ZOutcomeImportQuery,
  ZOutcomeImportResult,
  ZOutcomeList,
  ZOutcomeListQuery,
  ZOutcomeParams,
  ZOutcomeRow,
} from '../../../common/api/outcomes.ts';
import {
  acceptStreamedBodies,
  removeSpooled,
  spoolUpload,
  TABLE_FILE_TYPES,
} from '../../platform/upload-spool.ts';
import { checkImportRight, importOutcomes, MAX_OUTCOME_BYTES } from './import.ts';
import * as service from './service.ts';

const errors = {
  400: ZApiError,
  401: ZApiError,
  403: ZApiError,
  404: ZApiError,
  409: ZApiError,
  413: ZApiError,
  415: ZApiError,
  422: ZApiError,
};
const tags = ['outcomes'];

/** Students' outcomes at the end of a school year: the school's list, one outcome, and a file import. */
export const outcomeRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database;
  acceptStreamedBodies(app, TABLE_FILE_TYPES);

  app.get(
    '/outcomes',
    {
      schema: {
        tags,
        description:
          "A school's programme students of a school year (default: the school year that ends in the current calendar year's summer — in September–December the one just ended) with their outcomes and before/after indicators.",
        querystring: ZOutcomeListQuery,
        response: { 200: ZOutcomeList, ...errors },
      },
    },
    (req) => db.withTx((tx) => service.listOutcomes(req.ctx, req.query.schoolId, req.query.schoolYear, tx)),
  );
  app.put(
    '/outcomes/:studentId',
    {
      schema: { tags, params: ZOutcomeParams, body: ZOutcomeBody, response: { 200: ZOutcomeRow, ...errors } },
    },
    (req) => db.withTx((tx) => service.recordOutcome(req.ctx, req.params.studentId, req.body, tx)),
  );
  app.delete(
    '/outcomes/:studentId',
    {
      schema: {
        tags,
        params: ZOutcomeParams,
        querystring: ZOutcomeDeleteQuery,
        response: { 200: ZOutcomeRow, ...errors },
      },
    },
    (req) => db.withTx((tx) => service.clearOutcome(req.ctx, req.params.studentId, req.query.schoolYear, tx)),
  );
  app.post(
    '/outcomes/import',
    {
      schema: {
        tags,
        description:
          'Outcomes from a CSV or XLSX (personal code, outcome — its code or Latvian/English name —, reason) as the raw request body; all or nothing: a row at fault is a 422 naming the rows.',
        querystring: ZOutcomeImportQuery,
        response: { 200: ZOutcomeImportResult, ...errors },
      },
    },
    async (req) => {
      const { schoolId, schoolYear } = req.query;
      // The caller's right is checked before the body is read: a refused upload is never stored.
      await checkImportRight(req.ctx, db, schoolId);
      const file = await spoolUpload(req, MAX_OUTCOME_BYTES);
      try {
        return await importOutcomes(req.ctx, db, schoolId, schoolYear, file.path);
      } finally {
        removeSpooled(file);
      }
    },
  );
};
