import i18n from '../i18n/index.ts';
import { ApiError, apiErrorFrom, baseHeaders, getCsrfToken, refreshCsrfToken } from './api.ts';

/** A file sent as the raw request body, with its own content type. */
export type UploadRequest = {
  method: 'POST' | 'PUT';
  url: string;
  file: Blob;
  contentType: string;
  /** Called with 0…1 as the browser sends the body. */
  onProgress?: (fraction: number) => void;
};

function sendOnce<T>(request: UploadRequest, token: string): Promise<T> {
  // fetch() cannot report upload progress; XMLHttpRequest's upload events can.
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(request.method, request.url);
    xhr.withCredentials = true;
    for (const [name, value] of Object.entries(baseHeaders())) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('Content-Type', request.contentType);
    xhr.setRequestHeader('x-csrf-token', token);
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
  try {
    return await sendOnce<T>(request, await getCsrfToken());
  } catch (error) {
    if (error instanceof ApiError && error.status === 403 && error.code === 'csrf') {
      request.onProgress?.(0);
      return sendOnce<T>(request, await refreshCsrfToken());
    }
    throw error;
  }
}
