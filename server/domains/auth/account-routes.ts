import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  ZPasswordResetCompleteBody,
  ZPasswordResetRequestBody,
  ZPasswordResetRequested,
  ZSessionList,
  ZSessionParams,
  ZSessionsEnded,
  ZSignOutEverywhereBody,
} from '../../../common/api/account.ts';
import { ZApiError } from '../../../common/api/errors.ts';
import { clearCookie, SESSION_COOKIE } from '../../platform/cookies.ts';
import { createMailer, MailUnavailableError } from '../../platform/mail.ts';
import { completePasswordReset, requestPasswordReset } from './password-reset.ts';
import { endOwnSession, listOwnSessions, signOutEverywhere } from './sessions-service.ts';

const errors = { 400: ZApiError, 401: ZApiError, 403: ZApiError, 404: ZApiError, 429: ZApiError };

/** Password reset by an e-mailed one-time link, and the signed-in user's own sessions. */
export const accountRoutes: FastifyPluginAsyncZod = async (app) => {
  const secure = app.config.production;
  const mailer = createMailer(app.config.mail);
  const settings = {
    idleMinutes: app.config.sessionIdleMinutes,
    absoluteHours: app.config.sessionAbsoluteHours,
  };

  app.post(
    '/auth/password-reset',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        body: ZPasswordResetRequestBody,
        response: { 200: ZPasswordResetRequested, ...errors },
      },
    },
    async (request) => {
      const mail = await requestPasswordReset(app.database, request.ctx, request.body, app.config.publicUrl);
      if (!mail && !app.config.publicUrl)
        request.log.warn('password reset: no link mailed, PUMPURS_PUBLIC_URL is not set');
      // Sent after the answer is decided, so its time does not tell whether the account exists.
      // Only the reason of a failure is logged: never the address or the link.
      if (mail)
        void mailer.send(mail).catch((e: unknown) => {
          const reason = e instanceof MailUnavailableError ? e.reason : 'unknown';
          request.log.warn({ reason }, 'password reset e-mail not sent');
        });
      return { ok: true as const };
    },
  );

  app.post(
    '/auth/password-reset/complete',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        body: ZPasswordResetCompleteBody,
        response: { 200: ZPasswordResetRequested, ...errors },
      },
    },
    async (request, reply) => {
      const { userId } = await completePasswordReset(app.database, request.ctx, request.body);
      // Every session of the user has ended; a browser that was signed in as them is no longer.
      if (request.ctx.actor?.userId === userId) clearCookie(reply, SESSION_COOKIE, secure);
      return { ok: true as const };
    },
  );

  app.get(
    '/auth/sessions',
    { schema: { tags: ['auth'], response: { 200: ZSessionList, ...errors } } },
    async (request) => listOwnSessions(app.database, request.ctx, request.sessionToken, settings),
  );

  app.delete(
    '/auth/sessions/:id',
    { schema: { tags: ['auth'], params: ZSessionParams, response: { 200: ZSessionsEnded, ...errors } } },
    async (request, reply) => {
      const result = await endOwnSession(app.database, request.ctx, request.params.id, request.sessionToken);
      if (result.signedOut) clearCookie(reply, SESSION_COOKIE, secure);
      return result;
    },
  );

  app.post(
    '/auth/sessions/sign-out-everywhere',
    {
      schema: { tags: ['auth'], body: ZSignOutEverywhereBody, response: { 200: ZSessionsEnded, ...errors } },
    },
    async (request, reply) => {
      const result = await signOutEverywhere(
        app.database,
        request.ctx,
        request.body.scope,
        request.sessionToken,
      );
      if (result.signedOut) clearCookie(reply, SESSION_COOKIE, secure);
      return result;
    },
  );
};
