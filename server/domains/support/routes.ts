import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZApiError } from '../../../common/api/errors.ts';
import { zExact } from '../../../common/api/fields.ts';
import {
  ZConfirmBody,
  ZGeneratePinsBody,
  ZMyMeasures,
  ZMyTimesheet,
  ZMyTimesheetQuery,
  ZPinBody,
  ZPlanProgress,
  ZPublicSession,
  ZSession,
  ZSessionBody,
  ZSessionList,
  ZSessionListQuery,
  ZSignOffBody,
  ZTimesheet,
  ZTimesheetEntryBody,
  ZTimesheetExportQuery,
  ZTimesheetQuery,
} from '../../../common/api/support.ts';
import { AppError } from '../../platform/errors.ts';
import { IDEMPOTENCY_HEADER } from '../../platform/idempotency.ts';
import { requireStepUp } from '../../platform/step-up.ts';
import * as confirm from './confirm.ts';
import { getMyTimesheet } from './my-timesheet.ts';
import { generatePins } from './pins.ts';
import { planProgress } from './progress.ts';
import { scheduleRoutes } from './schedule-routes.ts';
import * as service from './service.ts';
import * as timesheets from './timesheets.ts';

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
const ok = z.object({ ok: z.literal(true) });

/** Consultations and sessions, the students' confirmations (PIN in person, link + PIN remotely), delivered hours. */
export const supportRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database;
  const tags = ['support'];
  await scheduleRoutes(app);

  app.post(
    '/support/sessions',
    { schema: { tags, body: ZSessionBody, response: { 201: ZSession, ...errors } } },
    async (req, reply) =>
      reply.status(201).send(await db.withTx((tx) => service.createSession(req.ctx, req.body, tx))),
  );
  app.get(
    '/support/sessions',
    { schema: { tags, querystring: ZSessionListQuery, response: { 200: ZSessionList, ...errors } } },
    async (req) => ({
      items: await db.read((tx) => service.listMySessions(req.ctx, req.query.from, req.query.to, tx)),
    }),
  );
  app.post(
    '/support/sessions/:id/confirm',
    { schema: { tags, params: ZId, body: ZConfirmBody, response: { 200: ok, ...errors } } },
    async (req) => {
      const wrongPin = await db.withTx((tx) =>
        confirm.confirmInPerson(req.ctx, req.params.id, req.body.studentId, req.body.pin, tx),
      );
      if (wrongPin) throw wrongPin;
      return { ok: true as const };
    },
  );
  app.get('/support/my-measures', { schema: { tags, response: { 200: ZMyMeasures, ...errors } } }, (req) =>
    db.read((tx) => service.myMeasures(req.ctx, tx)),
  );
  app.get(
    '/plans/:id/progress',
    { schema: { tags, params: ZId, response: { 200: ZPlanProgress, ...errors } } },
    (req) => db.read((tx) => planProgress(req.ctx, req.params.id, tx)),
  );
  app.put(
    '/students/:id/pin',
    { schema: { tags, params: ZId, body: ZPinBody, response: { 200: ok, ...errors } } },
    async (req) => {
      await db.withTx((tx) => service.setStudentPin(req.ctx, req.params.id, req.body.pin, tx));
      return { ok: true as const };
    },
  );
  // A class's PINs as a sheet of slips. The PDF is the only copy of the PINs: never cached, never
  // kept under the Idempotency-Key; replaying the key answers 409 instead of making a second set.
  app.post(
    '/students/pins/generate',
    {
      config: { fileAnswerReplay: 'pins_already_issued' },
      schema: { tags, body: ZGeneratePinsBody },
    },
    async (req, reply) => {
      // Replacing every PIN twice by a double click would leave the first sheet worthless.
      if (req.body.mode === 'replace' && req.headers[IDEMPOTENCY_HEADER] === undefined)
        throw new AppError(400, 'idempotency_key_required');
      requireStepUp(req.ctx);
      const { pdf, count } = await generatePins(req.ctx, req.body, db);
      return reply
        .header('content-type', 'application/pdf')
        .header('cache-control', 'no-store')
        .header('content-disposition', 'attachment; filename="pin.pdf"')
        .header('x-pin-count', String(count))
        .send(pdf);
    },
  );

  app.get(
    '/timesheets',
    { schema: { tags, querystring: ZTimesheetQuery, response: { 200: ZTimesheet, ...errors } } },
    (req) => db.withTx((tx) => timesheets.getTimesheet(req.ctx, req.query.schoolId, req.query.month, tx)),
  );
  app.get(
    '/timesheets/mine',
    { schema: { tags, querystring: ZMyTimesheetQuery, response: { 200: ZMyTimesheet, ...errors } } },
    (req) => db.withTx((tx) => getMyTimesheet(req.ctx, req.query.month, tx)),
  );
  app.post(
    '/timesheets/entries',
    { schema: { tags, body: ZTimesheetEntryBody, response: { 201: ok, ...errors } } },
    async (req, reply) => {
      await db.withTx((tx) => timesheets.addTimesheetEntry(req.ctx, req.body, tx));
      return reply.status(201).send({ ok: true as const });
    },
  );
  app.post(
    '/timesheets/sign-off',
    { schema: { tags, body: ZSignOffBody, response: { 200: ok, ...errors } } },
    async (req) => {
      await db.withTx((tx) => timesheets.signOffMonth(req.ctx, req.body.schoolId, req.body.month, tx));
      return { ok: true as const };
    },
  );
  app.get(
    '/timesheets.xlsx',
    { schema: { tags, querystring: ZTimesheetExportQuery } },
    async (req, reply) => {
      requireStepUp(req.ctx);
      const buf = await db.withTx((tx) =>
        timesheets.exportTimesheets(req.ctx, req.query.month, req.query.schoolId, tx),
      );
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="darba-laiks-${req.query.month}.xlsx"`)
        .send(buf);
    },
  );

  // The remote confirmation link works without an account: the token in the link and the student's PIN.
  const ZToken = z.object({ token: zExact(100, 20) });
  app.get(
    '/confirm/:token',
    {
      config: { public: true },
      schema: { tags, params: ZToken, response: { 200: ZPublicSession, ...errors } },
    },
    async (req) => {
      const page = await db.withTx((tx) => confirm.viewRemoteSession(req.ctx, req.params.token, tx));
      if (page instanceof AppError) throw page;
      return page;
    },
  );
  app.post(
    '/confirm/:token',
    {
      config: { public: true },
      schema: { tags, params: ZToken, body: ZConfirmBody, response: { 200: ok, ...errors } },
    },
    async (req) => {
      const wrongPin = await db.withTx((tx) =>
        confirm.confirmRemote(req.ctx, req.params.token, req.body.studentId, req.body.pin, tx),
      );
      if (wrongPin) throw wrongPin;
      return { ok: true as const };
    },
  );
};
