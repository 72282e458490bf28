import type { MessageCode } from './messages.ts';

/** An error the API answers with a status, a code and a translated message. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: MessageCode,
    readonly details?: { path: string; message: string }[],
    readonly headers?: Record<string, string>,
  ) {
    super(code);
  }
}

/** A record outside the caller's scope or missing; both look the same to the caller. */
export class NotFoundError extends AppError {
  constructor(
    readonly entityType?: string,
    readonly entityId?: string,
  ) {
    super(404, 'not_found');
  }
}

/** The caller may see the record but not do this to it. */
export class ForbiddenError extends AppError {
  constructor(
    readonly entityType?: string,
    readonly entityId?: string,
  ) {
    super(403, 'forbidden');
  }
}

export const badRequest = (code: MessageCode = 'bad_request', path?: string): AppError =>
  new AppError(400, code, path ? [{ path, message: code }] : undefined);
export const conflict = (code: MessageCode = 'conflict', path?: string): AppError =>
  new AppError(409, code, path ? [{ path, message: code }] : undefined);
