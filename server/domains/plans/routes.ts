import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZApiError } from '../../../common/api/errors.ts';
import {
  ZApprovalQueueQuery,
  ZBulkApproveBody,
  ZCreatePlanBody,
  ZEvaluation,
  ZNotificationList,
  ZPauseBody,
  ZPlan,
  ZPlanContent,
  ZPlanDiff,
  ZPlanList,
  ZPlanListQuery,
  ZReturnBody,
} from '../../../common/api/plans.ts';
import { writeAudit } from '../../platform/audit.ts';
import { measureLabel, statusLabel } from './labels.ts';
import { loadPlan } from './load.ts';
import { planPdf } from './pdf.ts';
import * as service from './service.ts';
import { signedFileRoutes } from './signed-files-routes.ts';
import * as transitions from './transitions.ts';

const errors = { 400: ZApiError, 401: ZApiError, 403: ZApiError, 404: ZApiError, 409: ZApiError };
const ZId = z.object({ id: z.uuid() });

/** Individual support plans: drafting, three-level approval, revision, evaluation, the PDF; approval queues; notifications. */
export const planRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database;
  const tags = ['plans'];
  const show = (ctx: Parameters<typeof service.getPlan>[0], id: string) =>
    db.withTx((tx) => service.getPlan(ctx, id, tx));
  // The signed plan's uploads (their own plugin: the raw-body parsers stay with them).
  await app.register(signedFileRoutes);

  app.get(
    '/plans',
    { schema: { tags, querystring: ZPlanListQuery, response: { 200: ZPlanList, ...errors } } },
    (req) => db.withTx((tx) => service.listPlans(req.ctx, req.query, tx)),
  );
  app.post(
    '/plans',
    { schema: { tags, body: ZCreatePlanBody, response: { 201: ZPlan, ...errors } } },
    async (req, reply) => {
      const id = await db.withTx((tx) => service.createPlan(req.ctx, req.body, tx));
      return reply.status(201).send(await show(req.ctx, id));
    },
  );
  app.get('/plans/:id', { schema: { tags, params: ZId, response: { 200: ZPlan, ...errors } } }, (req) =>
    show(req.ctx, req.params.id),
  );
  app.put(
    '/plans/:id/content',
    { schema: { tags, params: ZId, body: ZPlanContent, response: { 200: ZPlan, ...errors } } },
    (req) => db.withTx((tx) => service.updatePlanContent(req.ctx, req.params.id, req.body, tx)),
  );
  app.get(
    '/plans/:id/diff',
    { schema: { tags, params: ZId, response: { 200: ZPlanDiff, ...errors } } },
    (req) => db.read((tx) => service.planDiff(req.ctx, req.params.id, tx)),
  );

  const simple = ['submit', 'approve', 'start', 'resume', 'revise', 'close', 'delete'] as const;
  for (const action of simple) {
    app.post(
      `/plans/:id/${action}`,
      { schema: { tags, params: ZId, response: { 200: ZPlan.nullable(), ...errors } } },
      async (req) => {
        await db.withTx((tx) =>
          action === 'submit'
            ? transitions.submitPlan(req.ctx, req.params.id, tx)
            : action === 'approve'
              ? transitions.approvePlan(req.ctx, req.params.id, tx)
              : transitions.movePlan(req.ctx, req.params.id, action, tx),
        );
        return action === 'delete' ? null : show(req.ctx, req.params.id);
      },
    );
  }
  app.post(
    '/plans/:id/return',
    { schema: { tags, params: ZId, body: ZReturnBody, response: { 200: ZPlan, ...errors } } },
    async (req) => {
      await db.withTx((tx) => transitions.returnPlan(req.ctx, req.params.id, req.body, tx));
      return show(req.ctx, req.params.id);
    },
  );
  app.post(
    '/plans/:id/pause',
    { schema: { tags, params: ZId, body: ZPauseBody, response: { 200: ZPlan, ...errors } } },
    async (req) => {
      await db.withTx((tx) => transitions.pausePlan(req.ctx, req.params.id, req.body.reason, tx));
      return show(req.ctx, req.params.id);
    },
  );
  app.post(
    '/plans/:id/evaluate',
    {
      schema: {
        tags,
        params: ZId,
        body: ZEvaluation,
        response: { 200: z.object({ plan: ZPlan, nextPlanId: z.string().nullable() }), ...errors },
      },
    },
    async (req) => {
      const { nextPlanId } = await db.withTx((tx) =>
        transitions.evaluatePlan(req.ctx, req.params.id, req.body, tx),
      );
      return { plan: await show(req.ctx, req.params.id), nextPlanId };
    },
  );

  app.get(
    '/plans/:id/pdf',
    { schema: { tags, params: ZId, querystring: z.object({ lang: z.enum(['lv', 'en']).optional() }) } },
    async (req, reply) => {
      const lang = req.query.lang ?? req.ctx.language;
      const plan = await db.withTx(async (tx) => {
        const loaded = await loadPlan(req.ctx, req.params.id, tx);
        await writeAudit(tx, req.ctx, {
          action: 'plan.pdf',
          entityType: 'plan',
          entityId: req.params.id,
          orgId: loaded.auditOrgId,
        });
        return service.presentPlan({ ...req.ctx, language: lang }, loaded, tx);
      });
      const pdf = await planPdf(plan, lang, {
        status: statusLabel(plan.status, lang),
        measure: (m) => measureLabel(m, lang),
      });
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="${plan.code}-${lang}.pdf"`)
        .send(pdf);
    },
  );

  app.get(
    '/approvals',
    { schema: { tags, querystring: ZApprovalQueueQuery, response: { 200: ZPlanList, ...errors } } },
    (req) => db.withTx((tx) => service.approvalQueue(req.ctx, req.query, tx)),
  );
  app.post(
    '/approvals/approve',
    {
      schema: {
        tags,
        body: ZBulkApproveBody,
        response: { 200: z.object({ approved: z.number().int() }), ...errors },
      },
    },
    async (req) => {
      const approved = await db.withTx((tx) => transitions.approvePlans(req.ctx, req.body.planIds, tx));
      if (typeof approved !== 'number') throw approved;
      return { approved };
    },
  );

  app.get('/notifications', { schema: { tags, response: { 200: ZNotificationList, ...errors } } }, (req) =>
    db.read((tx) => service.listNotifications(req.ctx, tx)),
  );
  app.post(
    '/notifications/:id/read',
    { schema: { tags, params: ZId, response: { 200: z.object({ ok: z.literal(true) }), ...errors } } },
    async (req) => {
      await db.withTx((tx) => service.readNotification(req.ctx, req.params.id, tx));
      return { ok: true as const };
    },
  );
};
