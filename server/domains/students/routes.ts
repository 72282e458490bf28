import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZApiError } from '../../../common/api/errors.ts';
import {
  ZApplicationBody,
  ZAssignmentBody,
  ZCreateStudentBody,
  ZGuardianBody,
  ZMoveStudentBody,
  ZStudentDetail,
  ZStudentList,
  ZStudentListQuery,
  ZUpdateStudentBody,
  ZWithdrawApplicationBody,
} from '../../../common/api/students.ts';
import { addScanRoutes } from '../../platform/files/index.ts';
import { requireStepUp } from '../../platform/step-up.ts';
import * as consent from './consent-service.ts';
import { assignStaff, moveStudent, unassignStaff } from './move-service.ts';
import * as service from './service.ts';

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
const ZGuardianParams = z.object({ id: z.uuid(), guardianId: z.uuid() });
const ZApplicationParams = z.object({ id: z.uuid(), applicationId: z.uuid() });
const ZUserParams = z.object({ id: z.uuid(), userId: z.uuid() });

/** The student register: students, guardians, applications (consent), moves and staff assignments. */
export const studentRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database;
  const tags = ['students'];
  const detail = (ctx: Parameters<typeof service.getStudent>[0], id: string) =>
    db.read((tx) => service.getStudent(ctx, id, tx, false));

  app.get(
    '/students',
    { schema: { tags, querystring: ZStudentListQuery, response: { 200: ZStudentList, ...errors } } },
    (req) => db.withTx((tx) => service.listStudents(req.ctx, req.query, tx)),
  );
  app.get(
    '/students/:id',
    { schema: { tags, params: ZId, response: { 200: ZStudentDetail, ...errors } } },
    (req) => db.withTx((tx) => service.getStudent(req.ctx, req.params.id, tx)),
  );
  app.post(
    '/students',
    { schema: { tags, body: ZCreateStudentBody, response: { 201: ZStudentDetail, ...errors } } },
    async (req, reply) =>
      reply
        .status(201)
        .send(
          await service.auditingRefusedCode(db, req.ctx, () =>
            db.withTx((tx) => service.createStudent(req.ctx, req.body, tx)),
          ),
        ),
  );
  app.patch(
    '/students/:id',
    { schema: { tags, params: ZId, body: ZUpdateStudentBody, response: { 200: ZStudentDetail, ...errors } } },
    (req) => db.withTx((tx) => service.updateStudent(req.ctx, req.params.id, req.body, tx)),
  );
  app.post(
    '/students/:id/reveal-code',
    { schema: { tags, params: ZId, response: { 200: z.object({ personalCode: z.string() }), ...errors } } },
    (req) => {
      requireStepUp(req.ctx);
      return db.withTx((tx) => service.revealPersonalCode(req.ctx, req.params.id, tx));
    },
  );
  app.post(
    '/students/:id/move',
    {
      schema: {
        tags,
        params: ZId,
        body: ZMoveStudentBody,
        response: { 200: z.object({ ok: z.literal(true) }), ...errors },
      },
    },
    async (req) => {
      await db.withTx((tx) => moveStudent(req.ctx, req.params.id, req.body, tx));
      return { ok: true as const };
    },
  );
  app.post(
    '/students/:id/assignments',
    { schema: { tags, params: ZId, body: ZAssignmentBody, response: { 201: ZStudentDetail, ...errors } } },
    async (req, reply) => {
      await db.withTx((tx) => assignStaff(req.ctx, req.params.id, req.body.userId, tx));
      return reply.status(201).send(await detail(req.ctx, req.params.id));
    },
  );
  app.delete(
    '/students/:id/assignments/:userId',
    {
      schema: { tags, params: ZUserParams, response: { 200: z.object({ ok: z.literal(true) }), ...errors } },
    },
    async (req) => {
      await db.withTx((tx) => unassignStaff(req.ctx, req.params.id, req.params.userId, tx));
      return { ok: true as const };
    },
  );

  app.post(
    '/students/:id/guardians',
    { schema: { tags, params: ZId, body: ZGuardianBody, response: { 201: ZStudentDetail, ...errors } } },
    async (req, reply) => {
      await db.withTx((tx) => consent.addGuardian(req.ctx, req.params.id, req.body, tx));
      return reply.status(201).send(await detail(req.ctx, req.params.id));
    },
  );
  app.put(
    '/students/:id/guardians/:guardianId',
    {
      schema: {
        tags,
        params: ZGuardianParams,
        body: ZGuardianBody,
        response: { 200: ZStudentDetail, ...errors },
      },
    },
    async (req) => {
      await db.withTx((tx) =>
        consent.updateGuardian(req.ctx, req.params.id, req.params.guardianId, req.body, tx),
      );
      return detail(req.ctx, req.params.id);
    },
  );
  app.delete(
    '/students/:id/guardians/:guardianId',
    { schema: { tags, params: ZGuardianParams, response: { 200: ZStudentDetail, ...errors } } },
    async (req) => {
      await db.withTx((tx) => consent.removeGuardian(req.ctx, req.params.id, req.params.guardianId, tx));
      return detail(req.ctx, req.params.id);
    },
  );

  app.post(
    '/students/:id/applications',
    { schema: { tags, params: ZId, body: ZApplicationBody, response: { 201: ZStudentDetail, ...errors } } },
    async (req, reply) => {
      await db.withTx((tx) => consent.addApplication(req.ctx, req.params.id, req.body, tx));
      return reply.status(201).send(await detail(req.ctx, req.params.id));
    },
  );
  app.post(
    '/students/:id/applications/:applicationId/withdraw',
    {
      schema: {
        tags,
        params: ZApplicationParams,
        body: ZWithdrawApplicationBody,
        response: { 200: ZStudentDetail, ...errors },
      },
    },
    async (req) => {
      await db.withTx((tx) =>
        consent.withdrawApplication(req.ctx, req.params.id, req.params.applicationId, req.body, tx),
      );
      return detail(req.ctx, req.params.id);
    },
  );
  addScanRoutes(app, {
    path: '/students/:id/applications/:applicationId/scan',
    tags,
    description:
      'The scan of the signed application as the raw body (application/pdf, image/jpeg or image/png, at most 5 MB).',
    params: ZApplicationParams,
    response: ZStudentDetail,
    errors,
    attach: (ctx, p, scan, tx) => consent.attachScan(ctx, p.id, p.applicationId, scan, tx),
    present: (ctx, p, tx) => service.getStudent(ctx, p.id, tx, false),
    read: (ctx, p, tx) => consent.readScan(ctx, p.id, p.applicationId, tx),
  });
};
