import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { OpsConfig } from './config.ts';
import { sendUnavailable } from './error-handler.ts';
import { detectLanguage } from './request-hooks.ts';

/** Routes that always answer, however busy the instance: health checks and metrics. */
export function isExemptFromShedding(url: string): boolean {
  return url === '/metrics' || url.startsWith('/metrics?') || url.startsWith('/api/health');
}

/** A request that carries a file (an import, a scan): its own limits bound it, not the request timeout. */
function carriesFile(request: FastifyRequest): boolean {
  const type = String(request.headers['content-type'] ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
  return type !== '' && type !== 'application/json';
}

/** Why a new request is refused now, or null when it may go on. */
export function shedReason(
  inFlight: number,
  dbWaiting: number,
  limits: Pick<OpsConfig, 'maxInFlight' | 'maxDbWaiting'>,
): 'in_flight' | 'db_waiting' | null {
  if (limits.maxInFlight > 0 && inFlight >= limits.maxInFlight) return 'in_flight';
  if (limits.maxDbWaiting > 0 && dbWaiting >= limits.maxDbWaiting) return 'db_waiting';
  return null;
}

/** What the overload guard counts (read by the metrics). */
export interface OverloadState {
  /** /api requests being answered now. */
  inFlight: number;
  /** Requests refused with 503, by reason. */
  shed: { in_flight: number; db_waiting: number };
  /** Requests answered 503 `request_timeout` because they ran past REQUEST_TIMEOUT_MS. */
  timedOut: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The overload guard's counters (server/platform/overload.ts). */
    overload: OverloadState;
  }
  interface FastifyRequest {
    /** Whether this request was counted as in flight (so its end is counted once). */
    countedInFlight: boolean;
  }
}

/**
 * Keeps an instance answering when more work arrives than it can do. A new /api request is refused
 * at once with 503 `overloaded` and Retry-After when too many are already being answered
 * (MAX_IN_FLIGHT) or too many queries wait for a pooled connection (MAX_DB_WAITING), before it
 * reads its session, instead of joining a queue without bound. A request still unanswered after
 * REQUEST_TIMEOUT_MS gets 503 `request_timeout`; its handler may still finish (each of its
 * statements is bounded by the statement timeout), but the client no longer waits. Uploads of files
 * and routes marked `untimed` (an import's preview and commit) are not timed: their parsing has its
 * own time limit and one import runs per school, and a commit answered 503 would still commit. Register it
 * before the session hooks.
 */
export function registerOverloadGuard(app: FastifyInstance, limits: OpsConfig): void {
  const state: OverloadState = { inFlight: 0, shed: { in_flight: 0, db_waiting: 0 }, timedOut: 0 };
  app.decorate('overload', state);
  app.decorateRequest('countedInFlight', false);
  const timers = new WeakMap<FastifyRequest, NodeJS.Timeout>();

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/api/') || isExemptFromShedding(request.url)) return;
    const reason = shedReason(state.inFlight, app.database.poolStats?.().waiting ?? 0, limits);
    if (reason) {
      state.shed[reason] += 1;
      return sendUnavailable(reply, 'overloaded', detectLanguage(request));
    }
    state.inFlight += 1;
    request.countedInFlight = true;
    if (limits.requestTimeoutMs > 0 && !carriesFile(request) && !request.routeOptions.config?.untimed) {
      const timer = setTimeout(() => {
        if (reply.sent || reply.raw.headersSent) return;
        state.timedOut += 1;
        request.log.warn({ route: request.routeOptions.url, method: request.method }, 'request timeout');
        void sendUnavailable(reply, 'request_timeout', request.ctx?.language ?? detectLanguage(request));
      }, limits.requestTimeoutMs);
      timer.unref();
      timers.set(request, timer);
    }
  });

  const finish = async (request: FastifyRequest) => {
    const timer = timers.get(request);
    if (timer) clearTimeout(timer);
    timers.delete(request);
    if (request.countedInFlight) {
      request.countedInFlight = false;
      state.inFlight -= 1;
    }
  };
  app.addHook('onResponse', finish);
  // A client that hangs up before the answer: the request is no longer in flight for it.
  app.addHook('onRequestAbort', finish);
}
