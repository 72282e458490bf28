import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ZFlagValidation, ZFlagValidationQuery } from '../../../common/api/flag-validation.ts';
import { ZApiError } from '../../../common/api/errors.ts';
import { getFlagValidation } from './service.ts';

const errors = { 400: ZApiError, 401: ZApiError, 403: ZApiError, 404: ZApiError };

/** The flag validation and fairness report (issue 15). */
export const flagValidationRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database;
  app.get(
    '/flag-validation',
    {
      schema: {
        tags: ['flag-validation'],
        summary: 'How well the early-warning flags foretold a past semester’s outcomes, and their fairness',
        description:
          'For a municipality or the nation (org) and an ended semester (default: the latest with known outcomes): each flag at the threshold in force and over a grid of thresholds, the ROC curve of its indicator, a suggested threshold, the flag set against the best single flag, the risk score’s AUC, and flag rate, precision and recall by gender and grade band, with Wilson 95 % intervals.',
        querystring: ZFlagValidationQuery,
        response: { 200: ZFlagValidation, ...errors },
      },
    },
    (req) => db.withTx((tx) => getFlagValidation(req.ctx, req.query, tx)),
  );
};
