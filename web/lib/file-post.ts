import { askForStepUp } from '../features/second-factor/step-up-hook.ts';
import i18n from '../i18n/index.ts';
import {
  ApiError,
  apiErrorFrom,
  baseHeaders,
  getCsrfToken,
  isStepUpRequired,
  refreshCsrfToken,
} from './api.ts';
import { keyForSubmission, settleSubmission } from './submission-key.ts';

/** A file answer: its bytes and headers. */
export type FileAnswer = { blob: Blob; headers: Headers };

async function sendOnce(path: string, body: unknown, token: string, key: string): Promise<FileAnswer> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: {
        ...baseHeaders(),
        Accept: 'application/pdf, application/json',
        'Content-Type': 'application/json',
        'x-csrf-token': token,
        'Idempotency-Key': key,
      },
      credentials: 'same-origin',
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  if (!response.ok) throw apiErrorFrom(response.status, await response.text());
  return { blob: await response.blob(), headers: response.headers };
}

/**
 * POSTs JSON and receives a file (a PDF made by the request), with the CSRF token and the
 * submission's Idempotency-Key like every other POST: a double click sends the same key.
 */
export async function postForFile(path: string, body: unknown): Promise<FileAnswer> {
  const submission = `${path}\n${JSON.stringify(body)}`;
  const key = keyForSubmission(submission);
  try {
    let answer: FileAnswer;
    try {
      answer = await sendOnce(path, body, await getCsrfToken(), key);
    } catch (error) {
      if (error instanceof ApiError && error.status === 403 && error.code === 'csrf') {
        answer = await sendOnce(path, body, await refreshCsrfToken(), key);
      } else if (isStepUpRequired(error) && (await askForStepUp())) {
        answer = await sendOnce(path, body, await getCsrfToken(), key);
      } else throw error;
    }
    settleSubmission(submission, 'answered');
    return answer;
  } catch (error) {
    const lost =
      !(error instanceof ApiError) || error.status === 0 || error.code === 'idempotency_in_progress';
    settleSubmission(submission, lost ? 'network' : 'refused');
    throw error;
  }
}

/** Offers a blob to the browser as a download under `fileName`. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
