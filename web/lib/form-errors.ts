import { ApiError } from './api.ts';

/** Field name → message, for showing problems next to the inputs. */
export type FieldErrors = Record<string, string>;

/**
 * The server's validation details keyed by field name (`path` may be `name` or `body.name`),
 * so each message can be shown on the input it belongs to.
 */
export function fieldErrorsFrom(error: unknown): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  const result: FieldErrors = {};
  for (const detail of error.details) {
    const field = detail.path.split('.').filter(Boolean).pop() ?? '';
    if (field && !result[field]) result[field] = detail.message;
  }
  return result;
}
