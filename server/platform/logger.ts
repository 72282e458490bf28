import type { FastifyServerOptions } from 'fastify';

/** Where log lines can be sent instead of standard output (pino's destination stream). */
export interface LogStream {
  write(line: string): void;
}

/**
 * Path segments that carry a secret: the remote confirmation link (`/confirm/<token>`, page and
 * API) works without an account, so whoever reads the token in a log could confirm with it.
 */
const SECRET_SEGMENTS = /(\/confirm\/)[^/]+/gi;

/** The path as it may be logged: without the query string, and with link tokens replaced by `***`. */
export function redactPath(url: string): string {
  return url.split('?')[0].replace(SECRET_SEGMENTS, '$1***');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A static path segment of our routes (`students`, `reveal-code`): lowercase words and dashes. */
const WORD = /^[a-z][a-z-]{0,39}$/;

/**
 * The path of a request as it may be logged. A matched route logs its own static segments and, for
 * each `:param`, the value only when it is a UUID (a record's id, which the audit log also names),
 * else `***`: a client could put a personal code, a name or a token anywhere in a path. A path
 * that matches no route keeps only lowercase words and UUIDs. No query string, ever.
 */
export function loggablePath(url: string, routePattern?: string): string {
  const segments = redactPath(url).split('/');
  const pattern = routePattern?.split('/');
  const safe = (s: string) => (UUID.test(s) || WORD.test(s) ? s : s ? '***' : s);
  if (!pattern || pattern.length !== segments.length) return segments.map(safe).join('/');
  return segments
    .map((s, i) => {
      const p = pattern[i];
      if (p.startsWith(':') || p === '*') return UUID.test(s) ? s : '***';
      return s === p ? s : safe(s);
    })
    .join('/');
}

/**
 * Logger options: requests are logged by method and path only — query strings can carry names
 * or personal codes, path parameters other than ids are masked (`loggablePath`), and bodies are
 * never logged. `stream`: where the lines go (tests capture them); standard output by default.
 */
export function loggerOptions(level: string, stream?: LogStream): FastifyServerOptions['logger'] {
  if (level === 'silent') return false;
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      req: (req: { method: string; url: string; id: string; routeOptions?: { url?: string } }) => ({
        id: req.id,
        method: req.method,
        path: loggablePath(req.url, req.routeOptions?.url),
      }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    redact: {
      paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'],
      remove: true,
    },
  };
}
