import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TOutcomeImportResult, TOutcomeList, TOutcomeRow } from '../../../common/api/outcomes.ts';
import type { Outcome } from '../../../common/api/reports.ts';
import { api, toQueryString } from '../../lib/api.ts';
import { uploadFile } from '../../lib/upload.ts';

/** The cache key of the outcome lists. */
export const OUTCOMES_KEY = ['outcomes'] as const;

/** A school's programme students of a school year (the server's default year when none is chosen). */
export function useOutcomes(schoolId: string | null, schoolYear: number | null) {
  return useQuery({
    queryKey: [...OUTCOMES_KEY, schoolId, schoolYear],
    queryFn: () => api.get<TOutcomeList>(`/api/outcomes${toQueryString({ schoolId, schoolYear })}`),
    enabled: Boolean(schoolId),
    retry: false,
  });
}

/** Records (outcome) or clears (null) one student's outcome; the list is fetched again after. */
export function useSaveOutcome() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { studentId: string; schoolYear: number; outcome: Outcome | null; reason?: string }) =>
      v.outcome === null
        ? api.delete<TOutcomeRow>(
            `/api/outcomes/${v.studentId}${toQueryString({ schoolYear: v.schoolYear })}`,
          )
        : api.put<TOutcomeRow>(`/api/outcomes/${v.studentId}`, {
            schoolYear: v.schoolYear,
            outcome: v.outcome,
            ...(v.outcome === 'left_education' ? { reason: v.reason ?? '' } : {}),
          }),
    onSuccess: () => client.invalidateQueries({ queryKey: OUTCOMES_KEY }),
  });
}

/** The content type of an outcome file by its name, or null when it is neither CSV nor XLSX. */
export function outcomeFileType(fileName: string): string | null {
  const extension = fileName.split('.').pop()?.toLowerCase();
  if (extension === 'csv') return 'text/csv';
  if (extension === 'xlsx') return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return null;
}

/** Imports an outcome file for a school and year (all or nothing). */
export function useImportOutcomes() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { schoolId: string; schoolYear: number; file: File }) =>
      uploadFile<TOutcomeImportResult>({
        method: 'POST',
        url: `/api/outcomes/import${toQueryString({ schoolId: v.schoolId, schoolYear: v.schoolYear, fileName: v.file.name })}`,
        file: v.file,
        contentType: outcomeFileType(v.file.name) ?? 'application/octet-stream',
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: OUTCOMES_KEY }),
  });
}
