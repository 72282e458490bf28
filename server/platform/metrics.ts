import type { FastifyInstance } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { AppError } from './errors.ts';
import { safeEqual } from './tokens.ts';

/** Latency buckets in seconds: fine below the 150 ms goal, coarse up to the request timeout. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * A job runner that can say how many jobs wait (the pg-boss runner may; the interface does not
 * require it). Read on each scrape.
 */
interface QueueDepth {
  queueDepth?: () => Promise<number>;
}

/** The bearer token of an Authorization header, or null. */
function bearer(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1] : null;
}

/**
 * Prometheus metrics at `/metrics` when METRICS_TOKEN is set (otherwise the path does not exist):
 * request latency per route pattern, method and status; requests in flight, refused and timed out;
 * the database pool's connections (total, idle, waiting); the job queue's depth when the runner
 * tells it; and Node's process metrics. A scrape without `Authorization: Bearer <token>` gets the
 * same JSON 404 as an unknown API path, and so does every scrape when the token is not set. Each app has its own registry (tests build many apps).
 */
export function registerMetrics(app: FastifyInstance, token: string | null): void {
  // Without a token the path answers 404 like any unknown API path (not the client's page).
  if (!token) {
    app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async () => {
      throw new AppError(404, 'not_found');
    });
    return;
  }
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const latency = new Histogram({
    name: 'pumpurs_http_request_duration_seconds',
    help: 'Time from the request arriving to the answer being sent, per route pattern',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  new Gauge({
    name: 'pumpurs_http_requests_in_flight',
    help: 'API requests being answered now',
    registers: [registry],
    collect() {
      this.set(app.overload.inFlight);
    },
  });
  new Counter({
    name: 'pumpurs_http_requests_shed_total',
    help: 'API requests refused with 503 because the instance was overloaded, by reason',
    labelNames: ['reason'] as const,
    registers: [registry],
    collect() {
      for (const [reason, n] of Object.entries(app.overload.shed)) {
        this.reset();
        this.inc({ reason }, 0);
        this.labels(reason).inc(n);
      }
      this.reset();
      for (const [reason, n] of Object.entries(app.overload.shed)) this.inc({ reason }, n);
    },
  });
  new Counter({
    name: 'pumpurs_http_requests_timed_out_total',
    help: 'API requests answered 503 after REQUEST_TIMEOUT_MS',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(app.overload.timedOut);
    },
  });
  new Gauge({
    name: 'pumpurs_db_pool_connections',
    help: 'Database connections: open (total), unused (idle), and queries waiting for one (waiting)',
    labelNames: ['state'] as const,
    registers: [registry],
    collect() {
      const stats = app.database.poolStats?.();
      if (!stats) return;
      this.set({ state: 'total' }, stats.total);
      this.set({ state: 'idle' }, stats.idle);
      this.set({ state: 'waiting' }, stats.waiting);
      this.set({ state: 'max' }, stats.max);
    },
  });
  const jobs = app.jobs as unknown as QueueDepth;
  if (typeof jobs.queueDepth === 'function') {
    const depth = jobs.queueDepth.bind(jobs);
    new Gauge({
      name: 'pumpurs_jobs_queued',
      help: 'Background jobs waiting to run',
      registers: [registry],
      async collect() {
        this.set(await depth());
      },
    });
  }

  app.addHook('onResponse', async (request, reply) => {
    if (request.url === '/metrics') return;
    latency.observe(
      {
        method: request.method,
        // The pattern (`/api/students/:id`), never the URL: ids would make a series per record.
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });

  app.get('/metrics', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const given = bearer(request.headers.authorization);
    if (!given || !safeEqual(given, token)) throw new AppError(404, 'not_found');
    reply.header('content-type', registry.contentType).header('cache-control', 'no-store');
    return registry.metrics();
  });
}
