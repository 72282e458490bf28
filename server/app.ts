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
import { auditRoutes } from './domains/audit/routes.ts';
import { authRoutes } from './domains/auth/routes.ts';
import { calendarRoutes } from './domains/calendar/routes.ts';
import { ejournalRoutes } from './domains/ejournal/routes.ts';
import { importRoutes } from './domains/imports/routes.ts';
import { organisationRoutes } from './domains/organisations/routes.ts';
import { planRoutes } from './domains/plans/routes.ts';
import { riskRoutes } from './domains/risks/routes.ts';
import { studentRoutes } from './domains/students/routes.ts';
import { supportRoutes } from './domains/support/routes.ts';
import { userRoutes } from './domains/users/routes.ts';
import type { Config } from './platform/config.ts';
import type { Database } from './platform/db.ts';
import { registerErrorHandler } from './platform/error-handler.ts';
import './platform/fastify-types.ts';
import { loggerOptions } from './platform/logger.ts';
import { registerRequestHooks } from './platform/request-hooks.ts';
import { registerStatic } from './platform/static.ts';

export interface AppOptions {
  config: Config;
  database: Database;
  /** Serve the built client from dist/web (off in API tests). */
  serveClient?: boolean;
}

/** Builds the Fastify app: security headers, sessions, CSRF, the API and the client. */
export async function buildApp({
  config,
  database,
  serveClient = true,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config.logLevel),
    genReqId: () => randomUUID(),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  const routeTable: { method: string; url: string }[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat())
      if (method !== 'HEAD') routeTable.push({ method, url: route.url });
  });
  app.decorate('database', database);
  app.decorate('config', config);
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

  registerRequestHooks(app);
  registerErrorHandler(app);

  await app.register(
    async (api) => {
      api.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
        app.swagger(),
      );
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
    },
    { prefix: '/api' },
  );

  await registerStatic(app, serveClient);
  return app;
}
