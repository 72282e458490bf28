import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZCsrf, ZHealth, ZLoginBody, ZMe, ZUpdateMeBody } from '../../../common/api/auth.ts';
import { ZApiError } from '../../../common/api/errors.ts';
import { ZSecondFactorPending } from '../../../common/api/second-factor.ts';
import { CSRF_COOKIE, clearCookie, LANG_COOKIE, SESSION_COOKIE, setCookie } from '../../platform/cookies.ts';
import { secondFactorPending } from '../../platform/step-up.ts';
import { newToken } from '../../platform/tokens.ts';
import { accountRoutes } from './account-routes.ts';
import { presentMe } from './presenter.ts';
import { secondFactorRoutes } from './second-factor-routes.ts';
import { changeLanguage, login, logout } from './service.ts';

const errors = { 401: ZApiError, 403: ZApiError, 429: ZApiError };

/** Health, CSRF token, sign-in, sign-out and the signed-in user. */
export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const secure = app.config.production;
  const settings = {
    idleMinutes: app.config.sessionIdleMinutes,
    absoluteHours: app.config.sessionAbsoluteHours,
  };
  await app.register(accountRoutes);
  await app.register(secondFactorRoutes);

  app.get(
    '/health',
    { config: { public: true }, schema: { tags: ['system'], response: { 200: ZHealth } } },
    async () => {
      await app.database.read((db) => db.execute(sql`select 1`));
      return { status: 'ok' as const, database: app.database.kind };
    },
  );

  app.get(
    '/auth/csrf',
    { config: { public: true }, schema: { tags: ['auth'], response: { 200: ZCsrf } } },
    async (request, reply) => {
      let token = request.cookies[CSRF_COOKIE];
      if (!token || token.length < 32) {
        token = newToken();
        setCookie(reply, CSRF_COOKIE, token, secure);
      }
      return { token };
    },
  );

  app.post(
    '/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        body: ZLoginBody,
        response: { 200: z.object({ user: ZMe, secondFactor: ZSecondFactorPending }), ...errors },
      },
    },
    async (request, reply) => {
      const userAgent = request.headers['user-agent'] ?? null;
      const { token, actor } = await login(app.database, request.ctx, request.body, settings, userAgent);
      setCookie(reply, SESSION_COOKIE, token, secure);
      // 'required' / 'enrol': the session is pending until the second factor (issue 16).
      return { user: presentMe(actor), secondFactor: secondFactorPending(actor) };
    },
  );

  app.post(
    '/auth/logout',
    {
      config: { pendingSecondFactor: true },
      schema: { tags: ['auth'], response: { 200: z.object({ ok: z.literal(true) }), ...errors } },
    },
    async (request, reply) => {
      if (request.sessionToken) await logout(app.database, request.ctx, request.sessionToken);
      clearCookie(reply, SESSION_COOKIE, secure);
      return { ok: true as const };
    },
  );

  app.get(
    '/me',
    { config: { pendingSecondFactor: true }, schema: { tags: ['auth'], response: { 200: ZMe, ...errors } } },
    async (request) => {
      return presentMe(request.ctx.actor!);
    },
  );

  app.patch(
    '/me',
    // The language may change on the second-factor page too (issue 16).
    {
      config: { pendingSecondFactor: true },
      schema: { tags: ['auth'], body: ZUpdateMeBody, response: { 200: ZMe, ...errors } },
    },
    async (request, reply) => {
      const actor = await changeLanguage(app.database, request.ctx, request.body.language);
      setCookie(reply, LANG_COOKIE, actor.language, secure, 365 * 24 * 3600);
      return presentMe(actor);
    },
  );
};
