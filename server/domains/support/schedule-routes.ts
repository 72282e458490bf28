import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZApiError } from '../../../common/api/errors.ts';
import {
  ZCalendarFeed,
  ZCancelled,
  ZCancelPlannedBody,
  ZPlannedBody,
  ZPlannedCreated,
  ZPlannedList,
  ZPlannedQuery,
} from '../../../common/api/schedule.ts';
import { readFeed, rotateFeed } from './feed.ts';
import * as schedule from './schedule.ts';

const errors = {
  400: ZApiError,
  401: ZApiError,
  403: ZApiError,
  404: ZApiError,
  409: ZApiError,
  429: ZApiError,
};
const ZId = z.object({ id: z.uuid() });
/** `<token>.ics`: the token newToken(24) makes (base64url), bounded. */
const ZFeedFile = z.object({ file: z.string().regex(/^[\w-]{20,100}\.ics$/, 'not_found') });

/** Planned consultations (scheduling) and the providers' calendar feeds. */
export async function scheduleRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const db = app.database;
  const tags = ['support'];

  app.post(
    '/support/planned',
    { schema: { tags, body: ZPlannedBody, response: { 201: ZPlannedCreated, ...errors } } },
    async (req, reply) =>
      reply
        .status(201)
        .send({ items: await db.withTx((tx) => schedule.schedulePlanned(req.ctx, req.body, tx)) }),
  );
  app.get(
    '/support/planned',
    { schema: { tags, querystring: ZPlannedQuery, response: { 200: ZPlannedList, ...errors } } },
    async (req) => ({
      items: await db.withTx((tx) => schedule.listPlanned(req.ctx, req.query.from, req.query.to, tx)),
    }),
  );
  app.post(
    '/support/planned/:id/cancel',
    { schema: { tags, params: ZId, body: ZCancelPlannedBody, response: { 200: ZCancelled, ...errors } } },
    (req) => db.withTx((tx) => schedule.cancelPlanned(req.ctx, req.params.id, req.body, tx)),
  );
  app.post(
    '/support/calendar-feed',
    { schema: { tags, response: { 200: ZCalendarFeed, ...errors } } },
    (req) => db.withTx((tx) => rotateFeed(req.ctx, tx)),
  );
  app.get(
    '/calendar-feed/:file',
    { config: { public: true }, schema: { tags, params: ZFeedFile } },
    async (req, reply) => {
      const token = req.params.file.slice(0, -'.ics'.length);
      const feed = await db.withTx((tx) => readFeed(req.ctx, token, tx));
      if (typeof feed !== 'string') throw feed;
      return reply
        .header('content-type', 'text/calendar; charset=utf-8')
        .header('cache-control', 'no-store')
        .send(feed);
    },
  );
}
