import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TImportPreview, TImportUpload, TStudentMapping } from '../../../common/api/imports.ts';
import { api, toQueryString } from '../../lib/api.ts';
import { uploadFile } from '../../lib/upload.ts';

/** The Content-Type the server expects for a class list, by file extension; null for other files. */
export function classListContentType(fileName: string): string | null {
  const extension = fileName.split('.').pop()?.toLowerCase();
  if (extension === 'csv') return 'text/csv';
  if (extension === 'xlsx') return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return null;
}

/** Uploads a class list for a school, reporting progress; answers with its columns and a first mapping. */
export function useUploadClassList() {
  return useMutation({
    mutationFn: ({
      schoolId,
      file,
      onProgress,
    }: {
      schoolId: string;
      file: File;
      onProgress: (fraction: number) => void;
    }) =>
      uploadFile<TImportUpload>({
        method: 'POST',
        url: `/api/imports/students${toQueryString({ schoolId, fileName: file.name })}`,
        file,
        contentType: classListContentType(file.name) ?? 'application/octet-stream',
        onProgress,
      }),
  });
}

/** What preview and commit send: the column mapping and the rows left out. */
export type ImportChoice = { mapping: TStudentMapping; excludedRows: number[] };

/** Checks every row with a mapping; nothing is saved. */
export function usePreviewImport(importId: string | null) {
  return useMutation({
    mutationFn: (body: ImportChoice) => api.post<TImportPreview>(`/api/imports/${importId}/preview`, body),
  });
}

/** The result of a commit: how many students were created, updated, left unchanged and excluded. */
export type ImportResult = { created: number; updated: number; unchanged: number; excluded: number };

/** Saves the whole file, or nothing when any row not excluded has an error. */
export function useCommitImport(importId: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ImportChoice) => api.post<ImportResult>(`/api/imports/${importId}/commit`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['students'] }),
  });
}

/** The address of the error report (CSV) of the last preview. */
export function errorReportUrl(importId: string): string {
  return `/api/imports/${encodeURIComponent(importId)}/errors.csv`;
}
