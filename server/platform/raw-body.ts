import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';
import type { MessageCode } from './messages.ts';

/** Content types of the scans people attach (applications, receipts). */
export const SCAN_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

/** Lets the routes of this plugin receive files as the raw request body (a Buffer) of these types. */
export function acceptRawBodies(app: FastifyInstance, types: string[], bodyLimit: number): void {
  app.addContentTypeParser(types, { parseAs: 'buffer', bodyLimit }, (_req, body, done) => done(null, body));
}

/** The raw body of an upload with its declared content type; 415 (`code`) when the body is not a file. */
export function uploadedBody(
  req: FastifyRequest,
  code: MessageCode = 'unsupported_media_type',
): { content: Buffer; contentType: string } {
  const body = req.body as unknown;
  if (!Buffer.isBuffer(body)) throw new AppError(415, code);
  return {
    content: body,
    contentType: String(req.headers['content-type'] ?? '')
      .split(';')[0]
      .trim(),
  };
}

/**
 * Sends a stored file as a download under its own (UTF-8) name: never shown inline, never
 * sniffed as another type, and sandboxed should a browser open it anyway.
 */
export function sendDownload(
  reply: FastifyReply,
  file: { contentType: string; fileName: string; content: Buffer },
) {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(file.content);
}
