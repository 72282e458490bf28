import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZApiError } from '../../../common/api/errors.ts';
import {
  ZCodeBody,
  ZEnrolment,
  ZRecoveryCodes,
  ZSecondFactorStatus,
  ZStepUpAnswer,
  ZStepUpBody,
} from '../../../common/api/second-factor.ts';
import { ZSecondFactorResetAnswer } from '../../../common/api/users.ts';
import { AppError } from '../../platform/errors.ts';
import { createMailer, MailUnavailableError } from '../../platform/mail.ts';
import { requireStepUp } from '../../platform/step-up.ts';
import { resetUserSecondFactor } from './second-factor-reset.ts';
import {
  confirmEnrolment,
  disableSecondFactor,
  regenerateRecoveryCodes,
  secondFactorStatus,
  startEnrolment,
  stepUp,
  verifySecondFactor,
} from './second-factor-service.ts';

const errors = { 400: ZApiError, 401: ZApiError, 403: ZApiError, 409: ZApiError, 429: ZApiError };
const ZUserParams = z.object({ id: z.uuid() });
const tags = ['auth'];
/** Reachable while the session still owes its second factor. */
const pending = { pendingSecondFactor: true };
const ok = z.object({ ok: z.literal(true) });
/** Spaces people type between digit groups ("123 456") are not part of the code. */
const clean = (code: string) => code.replace(/\s/g, '');

/** The second factor (TOTP), recovery codes and step-up (issue 16). */
export const secondFactorRoutes: FastifyPluginAsyncZod = async (app) => {
  const secretKey = app.config.secretKey;
  const mailer = createMailer(app.config.mail);
  const call = (request: {
    ctx: import('../../platform/actor.ts').RequestContext;
    sessionToken: string | null;
  }) => {
    if (!request.sessionToken) throw new AppError(401, 'unauthenticated');
    return { ctx: request.ctx, sessionToken: request.sessionToken, secretKey };
  };

  app.get(
    '/auth/second-factor',
    { config: pending, schema: { tags, response: { 200: ZSecondFactorStatus, ...errors } } },
    (request) => secondFactorStatus(app.database, request.ctx),
  );

  app.get(
    '/auth/second-factor/enrolment',
    { config: pending, schema: { tags, response: { 200: ZEnrolment, ...errors } } },
    (request) => startEnrolment(app.database, { ctx: request.ctx, secretKey }),
  );

  app.post(
    '/auth/second-factor/enrolment',
    { config: pending, schema: { tags, body: ZCodeBody, response: { 200: ZRecoveryCodes, ...errors } } },
    async (request) => ({
      recoveryCodes: await confirmEnrolment(app.database, call(request), clean(request.body.code)),
    }),
  );

  app.post(
    '/auth/second-factor/verify',
    { config: pending, schema: { tags, body: ZCodeBody, response: { 200: ok, ...errors } } },
    async (request) => {
      await verifySecondFactor(app.database, call(request), clean(request.body.code));
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/second-factor/recovery-codes',
    { schema: { tags, body: ZCodeBody, response: { 200: ZRecoveryCodes, ...errors } } },
    async (request) => ({
      recoveryCodes: await regenerateRecoveryCodes(app.database, call(request), clean(request.body.code)),
    }),
  );

  app.post(
    '/auth/second-factor/disable',
    { schema: { tags, body: ZCodeBody, response: { 200: ok, ...errors } } },
    async (request) => {
      await disableSecondFactor(app.database, call(request), clean(request.body.code));
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/step-up',
    { schema: { tags, body: ZStepUpBody, response: { 200: ZStepUpAnswer, ...errors } } },
    (request) =>
      stepUp(app.database, call(request), {
        code: request.body.code === undefined ? undefined : clean(request.body.code),
        password: request.body.password,
      }),
  );

  // A user's lost authenticator, reset by whoever may manage the account (the users' gate).
  app.post(
    '/users/:id/second-factor/reset',
    {
      schema: {
        tags: ['users'],
        params: ZUserParams,
        response: { 200: ZSecondFactorResetAnswer, 404: ZApiError, ...errors },
      },
    },
    async (request) => {
      requireStepUp(request.ctx);
      const { mail } = await app.database.withTx((tx) =>
        resetUserSecondFactor(request.ctx, request.params.id, tx),
      );
      // Sent after the commit; only the reason of a failure is logged, never the address.
      if (mail)
        void mailer.send(mail).catch((e: unknown) => {
          const reason = e instanceof MailUnavailableError ? e.reason : 'unknown';
          request.log.warn({ reason }, 'second factor reset e-mail not sent');
        });
      return { secondFactorEnabled: false as const };
    },
  );
};
