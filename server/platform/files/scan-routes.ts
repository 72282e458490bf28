import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { zLine } from '../../../common/api/fields.ts';
import type { RequestContext } from '../actor.ts';
import type { Db } from '../db.ts';
import { acceptRawBodies, SCAN_TYPES, sendDownload, uploadedBody } from '../raw-body.ts';
import { MAX_SCAN_BYTES, type UploadedScan } from './scans.ts';

type App = Parameters<FastifyPluginAsyncZod>[0];

/** What a domain gives for its scan of one record; the checks and the audit stay in its service. */
export interface ScanRoute<P extends z.ZodObject, R extends z.ZodType> {
  /** The route's path, e.g. `/plans/:id/payments/:paymentId/scan`. */
  path: string;
  tags: string[];
  /** The OpenAPI description of the upload. */
  description: string;
  params: P;
  /** The answer to an upload (the record with its scan). */
  response: R;
  errors: Record<number, z.ZodType>;
  /** Stores the scan (the domain's gate, storeScan and audit), in the upload's transaction. */
  attach: (ctx: RequestContext, params: z.infer<P>, scan: UploadedScan, tx: Db) => Promise<unknown>;
  /** The record as the upload answers it, read after the upload committed. */
  present: (ctx: RequestContext, params: z.infer<P>, tx: Db) => Promise<z.infer<R>>;
  /** The stored scan (the domain's gate and audit), in a transaction of its own. */
  read: (ctx: RequestContext, params: z.infer<P>, tx: Db) => Promise<UploadedScan>;
}

/**
 * The two routes of a scan attached to a record: PUT takes the file as the raw body (a PDF, JPEG or
 * PNG of at most MAX_SCAN_BYTES; anything else 415 `file_type`, one that is not whole or sound 415
 * with the reason: storeScan) with `?fileName=`, GET sends it back as a download. Registers the
 * raw-body parser once per plugin.
 */
export function addScanRoutes<P extends z.ZodObject, R extends z.ZodType>(app: App, route: ScanRoute<P, R>) {
  if (!app.hasContentTypeParser(SCAN_TYPES[0])) acceptRawBodies(app, SCAN_TYPES, MAX_SCAN_BYTES + 1024);
  const db = app.database;
  const { path, tags, params } = route;
  app.put(
    path,
    {
      schema: {
        tags,
        description: route.description,
        params,
        querystring: z.object({ fileName: zLine(200, 1) }),
        // The answer was typed by `present`; the schema still strips and checks it.
        response: { 200: route.response as z.ZodType<unknown>, ...route.errors },
      },
    },
    async (req) => {
      const { content, contentType } = uploadedBody(req, 'file_type');
      const at = req.params as z.infer<P>;
      await db.withTx((tx) =>
        route.attach(req.ctx, at, { fileName: req.query.fileName, contentType, content }, tx),
      );
      return db.read((tx) => route.present(req.ctx, at, tx));
    },
  );
  app.get(path, { schema: { tags, params } }, async (req, reply) => {
    const file = await db.withTx((tx) => route.read(req.ctx, req.params as z.infer<P>, tx));
    return sendDownload(reply, file);
  });
}
