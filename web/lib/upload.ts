import i18n from '../i18n/index.ts';
import { ApiError, apiErrorFrom, baseHeaders, getCsrfToken, refreshCsrfToken } from './api.ts';
import { keyForSubmission, settleSubmission } from './submission-key.ts';

/** A file sent as the raw request body, with its own content type. */
export type UploadRequest = {
  method: 'POST' | 'PUT';
  url: string;
  file: Blob;
  contentType: string;
  /** Called with 0…1 as the browser sends the body. */
  onProgress?: (fraction: number) => void;
};

function sendOnce<T>(request: UploadRequest, token: string, idempotencyKey?: string): Promise<T> {
  // fetch() cannot report upload progress; XMLHttpRequest's upload events can.
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(request.method, request.url);
    xhr.withCredentials = true;
    for (const [name, value] of Object.entries(baseHeaders())) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('Content-Type', request.contentType);
    xhr.setRequestHeader('x-csrf-token', token);
    if (idempotencyKey) xhr.setRequestHeader('Idempotency-Key', idempotencyKey);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) request.onProgress?.(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        request.onProgress?.(1);
        try {
          resolve((xhr.responseText ? JSON.parse(xhr.responseText) : null) as T);
        } catch {
          resolve(null as T);
        }
      } else {
        reject(apiErrorFrom(xhr.status, xhr.responseText));
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', i18n.t('errors.network')));
    xhr.send(request.file);
  });
}

/** Uploads a file with the CSRF token, reporting progress; retries once with a fresh token like `api`. */
export async function uploadFile<T>(request: UploadRequest): Promise<T> {
  // A POSTed file is a creating request: the same file sent twice to the same address is one submission.
  const file = request.file as Blob & { name?: string; lastModified?: number };
  const submission =
    request.method === 'POST'
      ? `${request.url}\n${request.contentType}\n${file.size}\n${file.name ?? ''}\n${file.lastModified ?? ''}`
      : null;
  const key = submission ? keyForSubmission(submission) : undefined;
  try {
    let result: T;
    try {
      result = await sendOnce<T>(request, await getCsrfToken(), key);
    } catch (error) {
      if (error instanceof ApiError && error.status === 403 && error.code === 'csrf') {
        request.onProgress?.(0);
        result = await sendOnce<T>(request, await refreshCsrfToken(), key);
      } else throw error;
    }
    if (submission) settleSubmission(submission, 'answered');
    return result;
  } catch (error) {
    if (submission)
      settleSubmission(submission, error instanceof ApiError && error.status === 0 ? 'network' : 'refused');
    throw error;
  }
}
