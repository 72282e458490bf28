import type { FastifyServerOptions } from 'fastify';

/**
 * Path segments that carry a secret: the remote confirmation link (`/confirm/<token>`, page and
 * API) works without an account, so whoever reads the token in a log could confirm with it.
 */
const SECRET_SEGMENTS = /(\/confirm\/)[^/]+/gi;

/** The path as it may be logged: without the query string, and with link tokens replaced by `***`. */
export function redactPath(url: string): string {
  return url.split('?')[0].replace(SECRET_SEGMENTS, '$1***');
}

/**
 * Logger options: requests are logged by method and path only — query strings can carry names
 * or personal codes, link tokens are masked (`redactPath`), and bodies are never logged.
 */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  if (level === 'silent') return false;
  return {
    level,
    serializers: {
      req: (req: { method: string; url: string; id: string }) => ({
        id: req.id,
        method: req.method,
        path: redactPath(req.url),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
      remove: true,
    },
  };
}
