import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { PROJECT_ROOT } from './app-root.ts';
import { AppError } from './errors.ts';

/** The client built by Vite (`npm run build` or, from the sources, ensureWebBuilt()). */
export const WEB_DIST = path.join(PROJECT_ROOT, 'dist', 'web');

/** Serves the built client and answers unknown non-API paths with index.html (client-side routes). */
export async function registerStatic(
  app: FastifyInstance,
  serveClient: boolean,
  dir = WEB_DIST,
): Promise<void> {
  const hasClient = serveClient && existsSync(path.join(dir, 'index.html'));
  if (hasClient) {
    await app.register(fastifyStatic, { root: dir, prefix: '/', wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.url === '/api' || request.method !== 'GET' || !hasClient) {
      throw new AppError(404, 'not_found');
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
