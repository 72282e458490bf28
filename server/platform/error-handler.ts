import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import type { Language } from '../../common/roles.ts';
import { type AuditEntry, writeDeniedAudit } from './audit.ts';
import { isConnectionLost, isPoolWaitTimeout, isStatementTimeout } from './db.ts';
import { AppError, type ErrorDetail, NotFoundError } from './errors.ts';
import { hasMessage, t } from './i18n/index.ts';
import { isMessageCode, type MessageCode, message } from './messages.ts';

/** A unique index the domain relies on, and what its violation (two requests at once) tells the user. */
const UNIQUE_MESSAGES: Record<string, MessageCode> = {
  student_risks_active_uq: 'risk_recorded',
  planned_sessions_slot_uq: 'planned_slot_taken',
  planned_sessions_session_uq: 'planned_not_open',
  plan_signed_files_same_uq: 'signed_file_duplicate',
  referrals_open_uq: 'referral_duplicate',
};

/** A field's message: one of our codes, else the zod issue code in words (unknown codes as `custom`). */
function detailText(code: string, lang: Language, params?: Record<string, string>): string {
  if (isMessageCode(code)) return params ? t(lang, `errors.${code}`, params) : message(code, lang);
  const key = `validation.${code}`;
  return hasMessage(key) ? t(lang, key) : t(lang, 'validation.custom');
}

/** Seconds a client is asked to wait after a 503 (overload, timeout) before trying again. */
export const RETRY_AFTER_SECONDS = 2;

/** Answers 503 with `code` and Retry-After, in the API's error format (load shedding, timeouts). */
export function sendUnavailable(
  reply: FastifyReply,
  code: Extract<MessageCode, 'overloaded' | 'request_timeout' | 'database_unavailable'>,
  lang: Language,
) {
  reply.header('retry-after', String(RETRY_AFTER_SECONDS)).header('cache-control', 'no-store');
  return send(reply, 503, code, lang);
}

function send(
  reply: FastifyReply,
  status: number,
  code: MessageCode,
  lang: Language,
  details?: ErrorDetail[],
) {
  // The id of the request's log lines, for a user to quote to support (also when a hook answered early).
  const requestId = reply.request.id;
  reply.header('x-request-id', requestId);
  return reply.status(status).send({
    error: {
      code,
      message: message(code, lang),
      requestId,
      ...(details
        ? { details: details.map((d) => ({ path: d.path, message: detailText(d.message, lang, d.params) })) }
        : {}),
    },
  });
}

/**
 * What of an unexpected error may be logged: its type, database error code, the message without
 * query parameters and quoted values (which can hold names or personal codes) and the stack frames.
 */
export function safeErrorSummary(error: unknown): Record<string, unknown> {
  const e = error as {
    name?: string;
    message?: string;
    stack?: string;
    code?: string;
    cause?: { code?: string; message?: string };
  };
  // Values PostgreSQL quotes in a message (`invalid input syntax for type uuid: "…"`, a key's
  // `(col)=(value)`, a literal in SQL) can be a name or a personal code: they are masked.
  const strip = (m?: string) =>
    m
      ?.split('\nparams:')[0]
      ?.replace(/: "[^"\n]*"/g, ': "…"')
      .replace(/\)=\([^)\n]*\)/g, ')=(…)')
      .replace(/'[^'\n]*'/g, "'…'")
      .slice(0, 500);
  return {
    type: e.name,
    code: e.code ?? e.cause?.code,
    message: strip(e.message),
    cause: e.cause?.message ? strip(e.cause.message) : undefined,
    frames: e.stack
      ?.split('\n')
      .filter((l) => l.trimStart().startsWith('at '))
      .slice(0, 8)
      .join('\n'),
  };
}

/**
 * Which errors are written to the audit log as denials: every 403 of a signed-in caller (a policy
 * denial, a role without the right, a failed CSRF check) and every 404 that names the record asked
 * for (a record outside the caller's scope looks missing to the caller, not to the log). Anonymous
 * callers are not audited here: they have no actor, and the session check already answered 401.
 */
function isAuditedDenial(error: AppError): boolean {
  if (error.status === 403) return true;
  return error instanceof NotFoundError && Boolean(error.entityType);
}

function deniedEntry(error: AppError): AuditEntry {
  const e = error as Partial<NotFoundError>;
  if (error.code === 'csrf') return { action: 'request.csrf', entityType: null };
  return {
    action: e.entityType ? `${e.entityType}.access` : 'access.denied',
    entityType: e.entityType ?? null,
    entityId: e.entityId ?? null,
    orgId: e.orgId ?? null,
  };
}

/**
 * One error handler: app errors keep their status; validation errors become 400 with the fields
 * at fault; other client errors keep their 4xx; anything else is a 500 with no stack or data.
 * Denied access (404/403 from the gate) is written to the audit log.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const lang = request.ctx?.language ?? 'lv';
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((v) => ({
        path: (v.instancePath || '/').replace(/^\//, '').replace(/\//g, '.'),
        // A schema may name one of our message codes (e.g. personal_code_checksum); else the zod issue code.
        message: v.message && isMessageCode(v.message) ? v.message : String(v.keyword ?? 'custom'),
      }));
      return send(reply, 400, 'validation', lang, details);
    }
    if (error instanceof AppError) {
      if (request.ctx?.actor && isAuditedDenial(error)) {
        await writeDeniedAudit(app.database, request.ctx, deniedEntry(error)).catch((e) =>
          request.log.error({ err: safeErrorSummary(e) }, 'denied audit failed'),
        );
      }
      if (error.headers) reply.headers(error.headers);
      return send(reply, error.status, error.code, lang, error.details);
    }
    const db = error as {
      code?: string;
      constraint?: string;
      cause?: { code?: string; constraint?: string };
    };
    const pgCode = db.code ?? db.cause?.code;
    // The database restarts or is down: the request is not at fault and may be retried. Its
    // transaction (if any) did not commit, unless the connection was cut during COMMIT itself.
    if (isConnectionLost(error)) {
      request.log.warn(
        { route: request.routeOptions.url, method: request.method, err: safeErrorSummary(error) },
        'database unavailable: answered 503',
      );
      return sendUnavailable(reply, 'database_unavailable', lang);
    }
    // No pooled connection came free in time: the instance is overloaded, not broken.
    if (isPoolWaitTimeout(error)) return sendUnavailable(reply, 'overloaded', lang);
    if (isStatementTimeout(error)) {
      request.log.warn(
        { route: request.routeOptions.url, method: request.method },
        'statement timeout: a query ran longer than DB_STATEMENT_TIMEOUT_MS',
      );
      return sendUnavailable(reply, 'request_timeout', lang);
    }
    if (pgCode === '23505')
      return send(
        reply,
        409,
        UNIQUE_MESSAGES[db.constraint ?? db.cause?.constraint ?? ''] ?? 'conflict',
        lang,
      );
    const status = error.statusCode ?? 500;
    if (status === 413) return send(reply, 413, 'payload_too_large', lang);
    if (status === 415) return send(reply, 415, 'unsupported_media_type', lang);
    if (status === 429) return send(reply, 429, 'rate_limited', lang);
    if (status >= 400 && status < 500) return send(reply, status, 'bad_request', lang);
    request.log.error({ err: safeErrorSummary(error) }, 'unhandled error');
    return send(reply, 500, 'internal', lang);
  });
}

/**
 * Errors Fastify raises before any hook runs — a URL whose percent-encoding is not UTF-8 (an
 * encoded lone surrogate, a cut-off sequence) — answered like every other bad input: a 400 in
 * our format naming the URL, in the language the browser asks for (no session is read yet).
 */
export function handleFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const lang: Language = String(request.headers['accept-language'] ?? '')
    .trim()
    .toLowerCase()
    .startsWith('en')
    ? 'en'
    : 'lv';
  reply.header('cache-control', 'no-store');
  if (error.code === 'FST_ERR_BAD_URL') {
    send(reply, 400, 'validation', lang, [{ path: 'url', message: 'invalid_characters' }]);
    return;
  }
  const status =
    error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  send(reply, status, 'bad_request', lang);
}

/** The body a refused request gets for `error` (code, message and translated details), for results kept by a job. */
export function presentAppError(error: AppError, lang: Language) {
  return {
    error: {
      code: error.code,
      message: message(error.code, lang),
      details: (error.details ?? []).map((d) => ({
        path: d.path,
        message: detailText(d.message, lang, d.params),
      })),
    },
  };
}
