import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZApiError } from '../../../common/api/errors.ts';
import {
  ZCreateRiskItemBody,
  ZCreateSemesterBody,
  ZRecordRiskBody,
  ZRiskCatalogue,
  ZRiskItem,
  ZRiskItemBody,
  ZSemesterList,
  ZStudentRiskList,
} from '../../../common/api/risks.ts';
import * as service from './service.ts';

const errors = { 400: ZApiError, 401: ZApiError, 403: ZApiError, 404: ZApiError, 409: ZApiError };
const ZId = z.object({ id: z.uuid() });

/** Semesters, the risk catalogue and students' risk records. */
export const riskRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database;
  const tags = ['risks'];

  app.get('/semesters', { schema: { tags, response: { 200: ZSemesterList, ...errors } } }, async (req) => ({
    items: await db.read((tx) => service.listSemesters(req.ctx, tx)),
  }));
  app.post(
    '/semesters',
    {
      schema: { tags, body: ZCreateSemesterBody, response: { 201: z.object({ id: z.string() }), ...errors } },
    },
    async (req, reply) =>
      reply.status(201).send({ id: await db.withTx((tx) => service.createSemester(req.ctx, req.body, tx)) }),
  );

  app.get(
    '/risk-catalogue',
    { schema: { tags, response: { 200: ZRiskCatalogue, ...errors } } },
    async (req) => ({
      items: await db.read((tx) => service.listCatalogue(req.ctx, tx)),
    }),
  );
  app.post(
    '/risk-catalogue',
    { schema: { tags, body: ZCreateRiskItemBody, response: { 201: ZRiskItem, ...errors } } },
    async (req, reply) =>
      reply.status(201).send(await db.withTx((tx) => service.createRiskItem(req.ctx, req.body, tx))),
  );
  app.put(
    '/risk-catalogue/:id',
    { schema: { tags, params: ZId, body: ZRiskItemBody, response: { 200: ZRiskItem, ...errors } } },
    (req) => db.withTx((tx) => service.reviseRiskItem(req.ctx, req.params.id, req.body, tx)),
  );
  app.post(
    '/risk-catalogue/:id/retired',
    {
      schema: {
        tags,
        params: ZId,
        body: z.object({ retired: z.boolean() }),
        response: { 200: ZRiskItem, ...errors },
      },
    },
    (req) => db.withTx((tx) => service.setRiskItemRetired(req.ctx, req.params.id, req.body.retired, tx)),
  );

  app.get(
    '/students/:id/risks',
    { schema: { tags, params: ZId, response: { 200: ZStudentRiskList, ...errors } } },
    (req) => db.withTx((tx) => service.listStudentRisks(req.ctx, req.params.id, tx)),
  );
  app.post(
    '/students/:id/risks',
    { schema: { tags, params: ZId, body: ZRecordRiskBody, response: { 201: ZStudentRiskList, ...errors } } },
    async (req, reply) => {
      await db.withTx((tx) => service.recordStudentRisk(req.ctx, req.params.id, req.body, tx));
      return reply
        .status(201)
        .send(await db.withTx((tx) => service.listStudentRisks(req.ctx, req.params.id, tx)));
    },
  );
  app.delete(
    '/students/:id/risks/:riskId',
    {
      schema: {
        tags,
        params: z.object({ id: z.uuid(), riskId: z.uuid() }),
        response: { 200: ZStudentRiskList, ...errors },
      },
    },
    async (req) => {
      await db.withTx((tx) => service.removeStudentRisk(req.ctx, req.params.id, req.params.riskId, tx));
      return db.withTx((tx) => service.listStudentRisks(req.ctx, req.params.id, tx));
    },
  );
};
