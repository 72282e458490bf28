import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { setTodayProvider } from '../common/api/fields.ts';
import { auditRoutes } from './domains/audit/routes.ts';
import { authRoutes } from './domains/auth/routes.ts';
import { budgetRoutes } from './domains/budgets/routes.ts';
import { calendarRoutes } from './domains/calendar/routes.ts';
import { chronologyRoutes } from './domains/chronology/routes.ts';
import { subjectExportRoutes } from './domains/subject-access/routes.ts';
import { indicatorRecomputeRoutes } from './domains/ejournal/recompute-routes.ts';
import { ejournalRoutes } from './domains/ejournal/routes.ts';
import { flagValidationRoutes } from './domains/flag-validation/routes.ts';
import { importRoutes } from './domains/imports/routes.ts';
import { jobRoutes } from './domains/jobs/routes.ts';
import { letterRoutes } from './domains/letters/routes.ts';
import { noteRoutes } from './domains/notes/routes.ts';
import { organisationRoutes } from './domains/organisations/routes.ts';
import { outcomeRoutes } from './domains/outcomes/routes.ts';
import { planRoutes } from './domains/plans/routes.ts';
import { privacyRoutes } from './domains/privacy/index.ts';
import { referralRoutes } from './domains/referrals/routes.ts';
import { reportRoutes } from './domains/reports/routes.ts';
import { riskScoreRoutes } from './domains/risk-score/routes.ts';
import { riskRoutes } from './domains/risks/routes.ts';
import { studentRoutes } from './domains/students/routes.ts';
import { supportRoutes } from './domains/support/routes.ts';
import { taskRoutes } from './domains/tasks/routes.ts';
import { userRoutes } from './domains/users/routes.ts';
import { today } from './platform/clock.ts';
import type { Config, TrustProxy } from './platform/config.ts';
import type { Database } from './platform/db.ts';
import { handleFrameworkError, registerErrorHandler } from './platform/error-handler.ts';
import type { RouteSchemas } from './platform/fastify-types.ts';
import { healthRoutes } from './platform/health.ts';
import { registerIdempotency } from './platform/idempotency.ts';
import { registerInputGuard } from './platform/input-guard.ts';
import type { JobRunner } from './platform/jobs.ts';
import { inProcessJobRunner } from './platform/jobs-in-process.ts';
import { type LogStream, loggerOptions } from './platform/logger.ts';
import { registerMetrics } from './platform/metrics.ts';
import { registerOverloadGuard } from './platform/overload.ts';
import { registerRequestHooks } from './platform/request-hooks.ts';
import { registerStatic } from './platform/static.ts';
import { registerScheduledJobs } from './scheduled-jobs.ts';
import { wireDomains } from './wiring.ts';

/**
 * Fastify's `trustProxy` for the configured proxies. A number of hops becomes the same test
 * Fastify applies to numbers (its types accept only a function): the socket's peer is hop 0.
 */
function trustProxyOption(trust: TrustProxy): false | string[] | ((address: string, hop: number) => boolean) {
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return trust;
}

export interface AppOptions {
  config: Config;
  database: Database;
  /** Background jobs; an in-process runner on this database when not given (tests, PGlite). */
  jobs?: JobRunner;
  /** Serve the built client from dist/web (off in API tests). */
  serveClient?: boolean;
  /** Where log lines go instead of standard output (tests that read the logs). */
  logStream?: LogStream;
}

/** Builds the Fastify app: security headers, sessions, CSRF, the API and the client. */
export async function buildApp({
  config,
  database,
  jobs = inProcessJobRunner(database),
  serveClient = true,
  logStream,
}: AppOptions): Promise<FastifyInstance> {
  // Plug the domains' implementations into each other's ports (server/wiring.ts; idempotent).
  wireDomains();
  const app = Fastify({
    logger: loggerOptions(config.logLevel, logStream),
    genReqId: () => randomUUID(),
    trustProxy: trustProxyOption(config.trustProxy),
    bodyLimit: 1024 * 1024,
    frameworkErrors: handleFrameworkError,
  }).withTypeProvider<ZodTypeProvider>();

  const routeTable: FastifyInstance['routeTable'] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      if (method !== 'HEAD')
        routeTable.push({ method, url: route.url, schema: route.schema as RouteSchemas });
  });
  app.decorate('database', database);
  app.decorate('config', config);
  app.decorate('jobs', jobs);
  // Handlers before the runner starts (main.ts starts it after listen; tests never do).
  registerScheduledJobs(jobs, database);
  // Running jobs finish before the database closes behind them.
  app.addHook('onClose', () => jobs.stop());
  // Relative date rules of the shared schemas (birth dates, semesters) follow the one clock.
  setTodayProvider(() => today());
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine injects its CSS variables in <style> elements.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.production ? [] : null,
      },
    },
    hsts: config.production,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Pumpurs API',
        version: '0.1.0',
        description: 'Support for students at risk of early school leaving',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'pumpurs_sid' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });

  // Before the session hooks: a refused request must not cost a session lookup.
  registerOverloadGuard(app, config.ops);
  registerMetrics(app, config.ops.metricsToken);
  registerRequestHooks(app);
  registerInputGuard(app);
  registerIdempotency(app);
  registerErrorHandler(app);

  await app.register(
    async (api) => {
      api.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
        app.swagger(),
      );
      await api.register(healthRoutes);
      await api.register(authRoutes);
      await api.register(organisationRoutes);
      await api.register(userRoutes);
      await api.register(auditRoutes);
      await api.register(studentRoutes);
      await api.register(importRoutes);
      await api.register(riskRoutes);
      await api.register(calendarRoutes);
      await api.register(ejournalRoutes);
      await api.register(planRoutes);
      await api.register(supportRoutes);
      await api.register(budgetRoutes);
      await api.register(letterRoutes);
      await api.register(referralRoutes);
      await api.register(noteRoutes);
      await api.register(chronologyRoutes);
      await api.register(subjectExportRoutes);
      await api.register(taskRoutes);
      await api.register(jobRoutes);
      await api.register(indicatorRecomputeRoutes);
      await api.register(reportRoutes);
      await api.register(flagValidationRoutes);
      await api.register(outcomeRoutes);
      await api.register(riskScoreRoutes);
      await api.register(privacyRoutes);
    },
    { prefix: '/api' },
  );

  await registerStatic(app, serveClient);
  return app;
}
