import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Language } from '../../common/roles.ts';
import { CSRF_COOKIE, LANG_COOKIE, SESSION_COOKIE } from './cookies.ts';
import { AppError } from './errors.ts';
import { resumeSession } from './sessions/index.ts';
import { secondFactorPending } from './step-up.ts';
import { safeEqual } from './tokens.ts';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The language for a request without a user: the remembered choice, else the browser's, else Latvian. */
export function detectLanguage(request: FastifyRequest): Language {
  const remembered = request.cookies[LANG_COOKIE];
  if (remembered === 'lv' || remembered === 'en') return remembered;
  const accept = request.headers['accept-language'] ?? '';
  const first = accept.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'lv';
}

/**
 * The request lifecycle for /api: context, session (401 without one unless the route is
 * public), then CSRF on every state-changing method (403 without a matching token).
 */
export function registerRequestHooks(app: FastifyInstance): void {
  app.decorateRequest('ctx', null as never);
  app.decorateRequest('sessionToken', null);

  app.addHook('onRequest', async (request, reply) => {
    request.ctx = {
      actor: null,
      requestId: request.id,
      ip: request.ip ?? null,
      language: detectLanguage(request),
    };
    reply.header('x-request-id', request.id);
    if (!request.url.startsWith('/api/')) return;
    reply.header('cache-control', 'no-store');

    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const actor = await resumeSession(app.database, token, {
        idleMinutes: app.config.sessionIdleMinutes,
        absoluteHours: app.config.sessionAbsoluteHours,
      });
      if (actor) {
        request.ctx.actor = actor;
        request.ctx.language = actor.language;
        request.sessionToken = token;
      }
    }
    const isPublic = request.routeOptions.config?.public === true;
    const routeKnown = request.routeOptions.url !== undefined;
    if (!isPublic && routeKnown && !request.ctx.actor) throw new AppError(401, 'unauthenticated');
    if (
      !isPublic &&
      routeKnown &&
      request.ctx.actor &&
      request.routeOptions.config?.pendingSecondFactor !== true &&
      secondFactorPending(request.ctx.actor) !== null
    )
      throw new AppError(401, 'second_factor_required');

    if (MUTATING.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      const cookie = request.cookies[CSRF_COOKIE];
      if (typeof header !== 'string' || !cookie || !safeEqual(header, cookie))
        throw new AppError(403, 'csrf');
    }
  });
}
