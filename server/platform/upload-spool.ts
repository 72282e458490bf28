import { randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';
import type { MessageCode } from './messages.ts';

/** An uploaded file written to disk as it arrived (never held whole in memory). */
export interface SpooledFile {
  path: string;
  bytes: number;
}

/**
 * Where uploads wait for their import job: `PUMPURS_UPLOAD_DIR`, else the system's temporary
 * folder. With several app instances and jobs on PostgreSQL it must be one folder they all share.
 */
export function uploadDir(): string {
  return path.resolve(process.env.PUMPURS_UPLOAD_DIR || path.join(os.tmpdir(), 'pumpurs-uploads'));
}

const streamed = Symbol('streamed-body');

/** The content types a table upload (CSV or XLSX, as browsers and tools label them) may arrive with. */
export const TABLE_FILE_TYPES = [
  'text/csv',
  'application/octet-stream',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.ms-excel',
  'text/plain',
];

/**
 * Lets the routes of this plugin receive files of these types as the request stream itself (read
 * by `spoolUpload`), so a large upload is never buffered in memory.
 */
export function acceptStreamedBodies(app: FastifyInstance, types: string[]): void {
  app.addContentTypeParser(types, (_req: FastifyRequest, payload: Readable, done) =>
    done(null, { [streamed]: payload }),
  );
}

/** Removes a spooled file (after its import, or when it was refused). */
export function removeSpooled(file: SpooledFile): void {
  rmSync(file.path, { force: true });
}

/**
 * Writes the streamed request body (see `acceptStreamedBodies`) to a new file in `uploadDir()`,
 * refusing it with 413 once it passes `maxBytes`; 415 (`code`) when the body is not a file.
 */
export async function spoolUpload(
  req: FastifyRequest,
  maxBytes: number,
  code: MessageCode = 'unsupported_media_type',
): Promise<SpooledFile> {
  const payload = (req.body as { [streamed]?: Readable } | null)?.[streamed];
  if (!payload) throw new AppError(415, code);
  const dir = uploadDir();
  mkdirSync(dir, { recursive: true });
  const file = { path: path.join(dir, `${randomUUID()}.upload`), bytes: 0 };
  let tooLarge = false;
  try {
    await pipeline(
      payload,
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          file.bytes += chunk.length;
          if (file.bytes > maxBytes) {
            tooLarge = true;
            throw new AppError(413, 'payload_too_large');
          }
          yield chunk;
        }
      },
      createWriteStream(file.path, { mode: 0o600 }),
    );
  } catch (e) {
    removeSpooled(file);
    if (tooLarge) throw new AppError(413, 'payload_too_large');
    throw e instanceof AppError ? e : new AppError(400, 'import_format');
  }
  return file;
}
