import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { writeAudit } from './audit.ts';
import { now, nowMs } from './clock.ts';
import { AppError } from './errors.ts';
import { claimKey, completeKey, findKey, releaseKey } from './idempotency-repo.ts';
import { message } from './messages.ts';

/** The header a client sends with a creating request: one value per form submission, reused on retry. */
export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** How long an answer is kept under its key. */
export const KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** A claim still running after this long is taken to be abandoned (the server stopped mid-request). */
export const ABANDONED_AFTER_MS = 2 * 60 * 1000;
/** How long a duplicate waits for the first request before answering 409 "in progress". */
const WAIT_FOR_FIRST_MS = 15_000;
const KEY_FORMAT = /^[A-Za-z0-9-]{8,100}$/;

declare module 'fastify' {
  interface FastifyRequest {
    /** The key this request claimed; its answer is stored when it succeeds. */
    idempotencyClaim: { userId: string; key: string } | null;
  }
}

function bodyHash(body: unknown): string {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body ?? null));
  return createHash('sha256').update(bytes).digest('hex');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function replay(
  app: FastifyInstance,
  request: FastifyRequest,
  reply: FastifyReply,
  row: { status_code: number | null; content_type: string | null; response_body: string | null },
) {
  // The stored answer may name a student: giving it out again is a read like any other.
  await app.database.withTx((tx) =>
    writeAudit(tx, request.ctx, {
      action: 'request.replay',
      entityType: 'route',
      // The route's pattern, not the URL: a query string may carry a file name.
      entityId: `POST ${request.routeOptions.url ?? ''}`,
    }),
  );
  reply.code(row.status_code as number).header('idempotent-replayed', 'true');
  if (row.content_type) reply.header('content-type', row.content_type);
  return reply.send(row.response_body ?? '');
}

/**
 * Runs a POST once per `Idempotency-Key`: the first request claims the key (a unique row), a
 * duplicate that arrives while it runs waits for its answer, a later retry gets the stored answer,
 * and the same key with another body or path is refused (422). Failed requests (4xx/5xx) and file
 * answers release the key, except on a route with `config.fileAnswerReplay`: there a replay answers
 * 409 with that code (the file is not kept and the request does not run again). Keys belong to the signed-in user and are kept for 24 hours.
 */
export function registerIdempotency(app: FastifyInstance): void {
  app.decorateRequest('idempotencyClaim', null);

  app.addHook('preHandler', async (request, reply) => {
    if (request.method !== 'POST' || !request.url.startsWith('/api/')) return;
    const header = request.headers[IDEMPOTENCY_HEADER];
    const userId = request.ctx?.actor?.userId;
    if (header === undefined || !userId) return;
    if (typeof header !== 'string' || !KEY_FORMAT.test(header))
      throw new AppError(400, 'idempotency_key_invalid');
    const key = header;
    const target = `${request.method} ${request.url}`;
    const hash = bodyHash(request.body);
    const waitUntil = nowMs() + WAIT_FOR_FIRST_MS;
    for (let pause = 20; ; pause = Math.min(pause * 2, 250)) {
      const at = now();
      const claimed = await app.database.withTx((tx) =>
        claimKey(tx, {
          userId,
          key,
          request: target,
          bodyHash: hash,
          at,
          expiredBefore: new Date(at.getTime() - KEY_LIFETIME_MS),
          abandonedBefore: new Date(at.getTime() - ABANDONED_AFTER_MS),
        }),
      );
      if (claimed) {
        request.idempotencyClaim = { userId, key };
        return;
      }
      const row = await app.database.read((db) => findKey(db, userId, key));
      if (!row) continue; // the first request failed and gave the key up: run this one
      if (row.request !== target || row.body_hash !== hash) throw new AppError(422, 'idempotency_key_reused');
      if (row.status_code !== null) return replay(app, request, reply, row);
      if (nowMs() > waitUntil) throw new AppError(409, 'idempotency_in_progress');
      await sleep(pause);
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claim = request.idempotencyClaim;
    if (!claim) return payload;
    request.idempotencyClaim = null;
    const ok = reply.statusCode >= 200 && reply.statusCode < 300;
    const contentType = reply.getHeader('content-type');
    const storable =
      ok && typeof payload === 'string' && String(contentType ?? '').startsWith('application/json');
    const replayCode = request.routeOptions.config?.fileAnswerReplay;
    try {
      if (ok && !storable && replayCode) {
        // The file is not kept (it may hold secrets); a replay of the key learns it was already made.
        const lang = request.ctx?.language ?? 'lv';
        const body = JSON.stringify({ error: { code: replayCode, message: message(replayCode, lang) } });
        await app.database.withTx((tx) =>
          completeKey(tx, {
            ...claim,
            statusCode: 409,
            contentType: 'application/json; charset=utf-8',
            body,
            at: now(),
          }),
        );
        return payload;
      }
      await app.database.withTx((tx) =>
        storable
          ? completeKey(tx, {
              ...claim,
              statusCode: reply.statusCode,
              contentType: String(contentType),
              body: payload,
              at: now(),
            })
          : releaseKey(tx, claim.userId, claim.key),
      );
    } catch (error) {
      request.log.error({ err: { code: (error as { code?: string }).code } }, 'idempotency store failed');
    }
    return payload;
  });
}
