import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { AppError } from './errors.ts';

export const WEB_DIST = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '..',
  '..',
  'dist',
  'web',
);

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
