import type { TApiError } from '../../common/api/errors.ts';
import { askForStepUp } from '../features/second-factor/step-up-hook.ts';
import i18n from '../i18n/index.ts';
import { keyForSubmission, settleSubmission } from './submission-key.ts';

/** One field problem reported by the server for a 400 answer. */
export type FieldDetail = { path: string; message: string };

/** An error answer of the API (or a failure to reach it), with the server's code and translated message. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: FieldDetail[];
  /** The server's id of the request, shown with the error so a user can quote it to support. */
  readonly requestId: string | null;

  constructor(
    status: number,
    code: string,
    message: string,
    details: FieldDetail[] = [],
    requestId: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
    this.requestId = requestId;
  }
}

let csrfToken: Promise<string> | null = null;

/** Fetches a fresh CSRF token; call at start-up and after sign-in or sign-out (the session changes). */
export function refreshCsrfToken(): Promise<string> {
  const pending = send('GET', '/api/auth/csrf').then((body) => (body as { token: string }).token);
  csrfToken = pending;
  pending.catch(() => {
    if (csrfToken === pending) csrfToken = null;
  });
  return pending;
}

/** The current CSRF token, for requests sent outside `api` (file uploads that report progress). */
export function getCsrfToken(): Promise<string> {
  return csrfToken ?? refreshCsrfToken();
}

/** The headers every API request carries: JSON answers in the interface language. */
export function baseHeaders(): Record<string, string> {
  return { Accept: 'application/json', 'Accept-Language': i18n.language };
}

/** An `ApiError` from a failed answer's status and body (the server's `{error:{code,message,details}}`). */
export function apiErrorFrom(status: number, text: string): ApiError {
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // A proxy's HTML error page, for instance; reported as an unexpected error.
  }
  const error = (parsed as Partial<TApiError> | null)?.error;
  return new ApiError(
    status,
    error?.code ?? 'unexpected',
    error?.message || i18n.t('errors.unexpected'),
    error?.details ?? [],
    error?.requestId ?? null,
  );
}

/** A 403 asking the session to confirm the user again (issue 16). */
export function isStepUpRequired(error: unknown): boolean {
  return error instanceof ApiError && error.status === 403 && error.code === 'step_up_required';
}

async function send(
  method: string,
  path: string,
  body?: unknown,
  token?: string,
  idempotencyKey?: string,
): Promise<unknown> {
  const headers = baseHeaders();
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers['x-csrf-token'] = token;
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  const text = await response.text();
  if (!response.ok) throw apiErrorFrom(response.status, text);
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

async function mutate(method: string, path: string, body?: unknown): Promise<unknown> {
  // Every POST carries the key of its submission: the same form sent twice creates one record.
  const submission = method === 'POST' ? `${path}\n${JSON.stringify(body ?? null)}` : null;
  const key = submission ? keyForSubmission(submission) : undefined;
  try {
    let result: unknown;
    try {
      result = await send(method, path, body, await getCsrfToken(), key);
    } catch (error) {
      // The token expires with the session: get a new one and try exactly once more.
      if (error instanceof ApiError && error.status === 403 && error.code === 'csrf') {
        result = await send(method, path, body, await refreshCsrfToken(), key);
      } else if (isStepUpRequired(error) && (await askForStepUp())) {
        // Issue 16: the user confirmed with the code again; the same submission goes once more.
        result = await send(method, path, body, await getCsrfToken(), key);
      } else throw error;
    }
    if (submission) settleSubmission(submission, 'answered');
    return result;
  } catch (error) {
    if (submission) {
      const lost =
        !(error instanceof ApiError) || error.status === 0 || error.code === 'idempotency_in_progress';
      settleSubmission(submission, lost ? 'network' : 'refused');
    }
    throw error;
  }
}

/** A query string from the non-empty values, e.g. `?q=anna&page=2`. */
export function toQueryString(params: Record<string, string | number | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** The JSON API of the Pumpurs server; mutations carry the CSRF token. */
export const api = {
  get: <T>(path: string) => send('GET', path) as Promise<T>,
  post: <T>(path: string, body?: unknown) => mutate('POST', path, body ?? {}) as Promise<T>,
  put: <T>(path: string, body?: unknown) => mutate('PUT', path, body ?? {}) as Promise<T>,
  patch: <T>(path: string, body: unknown) => mutate('PATCH', path, body) as Promise<T>,
  delete: <T>(path: string) => mutate('DELETE', path) as Promise<T>,
};
