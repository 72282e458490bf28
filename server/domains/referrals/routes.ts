import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZApiError } from '../../../common/api/errors.ts';
import {
  ZPartnerReferralList,
  ZReferral,
  ZReferralListQuery,
  ZReferralParams,
  ZReferralPreview,
  ZReferralPreviewBody,
  ZReferralStatusBody,
  ZSendReferralBody,
  ZStudentReferrals,
} from '../../../common/api/referrals.ts';
import { addScanRoutes } from '../../platform/files/index.ts';
import * as partner from './partner.ts';
import * as service from './service.ts';

const errors = { 400: ZApiError, 401: ZApiError, 403: ZApiError, 404: ZApiError, 409: ZApiError };
const tags = ['referrals'];
const ZStudentParams = z.object({ id: z.uuid() });

/** Referrals of students to partner institutions: the school's side and the partner's. */
export const referralRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database;

  app.get(
    '/students/:id/referrals',
    { schema: { tags, params: ZStudentParams, response: { 200: ZStudentReferrals, ...errors } } },
    (req) => db.withTx((tx) => service.listStudentReferrals(req.ctx, req.params.id, tx)),
  );
  app.post(
    '/students/:id/referrals/preview',
    {
      schema: {
        tags,
        description: 'Exactly what the partner would see of the chosen items (nothing is stored).',
        params: ZStudentParams,
        body: ZReferralPreviewBody,
        response: { 200: ZReferralPreview, ...errors },
      },
    },
    (req) => db.withTx((tx) => service.previewReferral(req.ctx, req.params.id, req.body.items, tx)),
  );
  app.post(
    '/students/:id/referrals',
    {
      schema: {
        tags,
        params: ZStudentParams,
        body: ZSendReferralBody,
        response: { 201: ZReferral, ...errors },
      },
    },
    async (req, reply) => {
      const referral = await db.withTx((tx) => service.sendReferral(req.ctx, req.params.id, req.body, tx));
      return reply.status(201).send(referral);
    },
  );

  app.get(
    '/referrals',
    {
      schema: {
        tags,
        description: "The referrals addressed to the caller's partner institution (partners only).",
        querystring: ZReferralListQuery,
        response: { 200: ZPartnerReferralList, ...errors },
      },
    },
    (req) => db.withTx((tx) => partner.listInbox(req.ctx, req.query.status ?? 'open', tx)),
  );
  app.get(
    '/referrals/:id',
    { schema: { tags, params: ZReferralParams, response: { 200: ZReferral, ...errors } } },
    (req) => db.withTx((tx) => partner.getReferral(req.ctx, req.params.id, tx)),
  );
  app.post(
    '/referrals/:id/status',
    {
      schema: {
        tags,
        description: 'The partner marks the referral received, in progress, or answered (with the response).',
        params: ZReferralParams,
        body: ZReferralStatusBody,
        response: { 200: ZReferral, ...errors },
      },
    },
    (req) => db.withTx((tx) => partner.changeReferralStatus(req.ctx, req.params.id, req.body, tx)),
  );
  app.post(
    '/referrals/:id/close',
    { schema: { tags, params: ZReferralParams, response: { 200: ZReferral, ...errors } } },
    (req) => db.withTx((tx) => service.endReferral(req.ctx, req.params.id, 'closed', tx)),
  );
  app.post(
    '/referrals/:id/withdraw',
    { schema: { tags, params: ZReferralParams, response: { 200: ZReferral, ...errors } } },
    (req) => db.withTx((tx) => service.endReferral(req.ctx, req.params.id, 'withdrawn', tx)),
  );

  addScanRoutes(app, {
    path: '/referrals/:id/attachment',
    tags,
    description:
      "The partner's attachment as the raw body (application/pdf, image/jpeg or image/png, at most 5 MB).",
    params: ZReferralParams,
    response: ZReferral,
    errors,
    attach: (ctx, p, scan, tx) => partner.attachFile(ctx, p.id, scan, tx),
    present: (ctx, p, tx) => partner.getReferral(ctx, p.id, tx),
    read: (ctx, p, tx) => partner.readFile(ctx, p.id, tx),
  });
};
