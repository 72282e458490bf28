import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZApiError } from '../../../common/api/errors.ts';
import {
  ZBudget,
  ZBudgetBody,
  ZBudgetQuery,
  ZCapBody,
  ZCaps,
  ZPaymentBody,
  ZPaymentList,
} from '../../../common/api/support.ts';
import { addScanRoutes } from '../../platform/files/index.ts';
import * as budgets from './budgets.ts';

const errors = {
  400: ZApiError,
  401: ZApiError,
  403: ZApiError,
  404: ZApiError,
  409: ZApiError,
  423: ZApiError,
  429: ZApiError,
};
const ZId = z.object({ id: z.uuid() });

/** Schools' semester budgets, the national caps, and the economic payments of a plan with their scans. */
export const budgetRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database;
  // The OpenAPI tag stays 'support': the routes are the same as before budgets became a domain.
  const tags = ['support'];

  app.get(
    '/budgets',
    { schema: { tags, querystring: ZBudgetQuery, response: { 200: ZBudget, ...errors } } },
    (req) => db.read((tx) => budgets.getBudget(req.ctx, req.query.schoolId, req.query.semesterId, tx)),
  );
  app.put('/budgets', { schema: { tags, body: ZBudgetBody, response: { 200: ZBudget, ...errors } } }, (req) =>
    db.withTx((tx) => budgets.setBudget(req.ctx, req.body, tx)),
  );
  app.get('/support-caps', { schema: { tags, response: { 200: ZCaps, ...errors } } }, (_req) =>
    db.read((tx) => budgets.getCaps(tx)),
  );
  app.put('/support-caps', { schema: { tags, body: ZCapBody, response: { 200: ZCaps, ...errors } } }, (req) =>
    db.withTx((tx) => budgets.setCap(req.ctx, req.body.category, req.body.amount, tx)),
  );
  app.get(
    '/plans/:id/payments',
    { schema: { tags, params: ZId, response: { 200: ZPaymentList, ...errors } } },
    (req) => db.read((tx) => budgets.listPayments(req.ctx, req.params.id, tx)),
  );
  app.post(
    '/plans/:id/payments',
    { schema: { tags, params: ZId, body: ZPaymentBody, response: { 201: ZPaymentList, ...errors } } },
    async (req, reply) => {
      await db.withTx((tx) => budgets.recordPayment(req.ctx, req.params.id, req.body, tx));
      return reply.status(201).send(await db.read((tx) => budgets.listPayments(req.ctx, req.params.id, tx)));
    },
  );

  addScanRoutes(app, {
    path: '/plans/:id/payments/:paymentId/scan',
    tags,
    description:
      'The receipt or invoice scan as the raw body (application/pdf, image/jpeg or image/png, at most 5 MB).',
    params: z.object({ id: z.uuid(), paymentId: z.uuid() }),
    response: ZPaymentList,
    errors,
    attach: (ctx, p, scan, tx) => budgets.attachPaymentScan(ctx, p.id, p.paymentId, scan, tx),
    present: (ctx, p, tx) => budgets.listPayments(ctx, p.id, tx),
    read: (ctx, p, tx) => budgets.readPaymentScan(ctx, p.id, p.paymentId, tx),
  });
};
