import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  EjournalKind,
  TEjournalImportResult,
  FlagKey,
  TThresholds,
  TWatchListItem,
} from '../../../common/api/ejournal.ts';
import i18n from '../../i18n/index.ts';
import { ApiError, api, toQueryString } from '../../lib/api.ts';
import { uploadFile } from '../../lib/upload.ts';

/** Filters and page of the watch list, as kept in the address bar. */
export type WatchListParams = {
  semesterId: string | null;
  schoolId: string | null;
  grade: string | null;
  flag: string | null;
  onlyUnassessed: boolean;
  /** Only flagged students without a plan of the semester. */
  withoutPlan: boolean;
  /** Only students whose municipality must still be informed (more than 20 unjustified lessons). */
  legalDutyOpen: boolean;
  /** null for the first page, else the `nextCursor` of the page before. */
  cursor: string | null;
  pageSize: number;
};

/** The query string the list and its XLSX export share. */
function watchListQuery(params: WatchListParams, withPage: boolean): string {
  return toQueryString({
    semesterId: params.semesterId,
    schoolId: params.schoolId,
    grade: params.grade,
    flag: params.flag,
    onlyUnassessed: params.onlyUnassessed ? 'true' : null,
    withoutPlan: params.withoutPlan ? 'true' : null,
    legalDuty: params.legalDutyOpen ? 'open' : null,
    cursor: withPage ? params.cursor : null,
    pageSize: withPage ? params.pageSize : null,
  });
}

/** One page of flagged students in the user's scope. */
export function useWatchList(params: WatchListParams) {
  return useQuery({
    queryKey: ['watch-list', 'list', params],
    queryFn: () =>
      api.get<{
        semesterId: string;
        items: TWatchListItem[];
        total: number;
        totalAtLeast?: boolean;
        nextCursor: string | null;
      }>(`/api/watch-list${watchListQuery(params, true)}`),
    placeholderData: keepPreviousData,
    enabled: params.semesterId !== null,
  });
}

/** The address of the XLSX workbook with every flagged student for the same filters. */
export function watchListXlsxUrl(params: WatchListParams): string {
  return `/api/watch-list.xlsx${watchListQuery(params, false)}`;
}

/** The counts of the start page's card: flagged, not assessed, municipality not informed. */
export type WatchListSummary = {
  semesterId: string;
  flagged: number;
  unassessed: number;
  legalDutyOpen: number;
  studentsWithData: number;
};

/** The watch list's counts for the current semester. */
export function useWatchListSummary(enabled: boolean) {
  return useQuery({
    queryKey: ['watch-list', 'summary'],
    queryFn: () => api.get<WatchListSummary>('/api/watch-list/summary'),
    enabled,
  });
}

/** Thresholds in force for a municipality or the nation, and whether they come from the level above. */
export type ThresholdsResponse = TThresholds & {
  disabledFlags: FlagKey[];
  organisationId: string;
  inherited: boolean;
};

const thresholdsPath = (orgId: string) => `/api/organisations/${encodeURIComponent(orgId)}/thresholds`;

/** The thresholds of one organisation. */
export function useThresholds(orgId: string | null) {
  return useQuery({
    queryKey: ['thresholds', orgId],
    queryFn: () => api.get<ThresholdsResponse>(thresholdsPath(orgId ?? '')),
    enabled: orgId !== null,
  });
}

/** Saves an organisation's own thresholds; flags are recomputed with them on the next read. */
export function useSaveThresholds(orgId: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TThresholds) => api.put<ThresholdsResponse>(thresholdsPath(orgId ?? ''), body),
    onSuccess: async (saved) => {
      client.setQueryData(['thresholds', orgId], saved);
      await client.invalidateQueries({ queryKey: ['watch-list'] });
    },
  });
}

/** The Content-Type of an e-journal export by extension; null for other files. */
export function ejournalContentType(fileName: string): string | null {
  const extension = fileName.split('.').pop()?.toLowerCase();
  if (extension === 'csv') return 'text/csv';
  if (extension === 'xlsx') return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  return null;
}

/**
 * The page runs e-journal imports in the background (202 and a job id, then polling GET /api/jobs/:id
 * for the import's progress); the API still answers a request without `background` synchronously.
 */
const POLL_MS = 500;

type JobAnswer = {
  state: 'queued' | 'running' | 'done' | 'failed';
  done: number;
  total: number | null;
  result: unknown;
  errorCode: string | null;
};
type Refusal = { error: { code: string; message: string; details: { path: string; message: string }[] } };

/** Polls a background import until it ends: its counts, or the refusal as the 400 would have said it. */
async function followImportJob(
  jobId: string,
  onProgress: (f: number) => void,
): Promise<TEjournalImportResult> {
  for (;;) {
    const job = await api.get<JobAnswer>(`/api/jobs/${jobId}`);
    if (job.total) onProgress(0.5 + job.done / job.total / 2);
    if (job.state === 'failed')
      throw new ApiError(500, job.errorCode ?? 'unexpected', i18n.t('errors.unexpected'));
    if (job.state === 'done') {
      const refusal = job.result as Partial<Refusal> | null;
      if (refusal?.error) {
        const { code, message, details } = refusal.error;
        throw new ApiError(400, code, message, details);
      }
      return job.result as TEjournalImportResult;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Uploads an e-journal export for a school with progress; all rows are saved, or none. In the
 * background mode the bar's first half is the upload and its second half the import on the server.
 */
export function useEjournalImport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (input: {
      schoolId: string;
      kind: EjournalKind;
      file: File;
      onProgress: (f: number) => void;
    }) => {
      const query = { schoolId: input.schoolId, kind: input.kind, fileName: input.file.name };
      const request = {
        method: 'POST' as const,
        file: input.file,
        contentType: ejournalContentType(input.file.name) ?? 'application/octet-stream',
      };
      const { jobId } = await uploadFile<{ jobId: string }>({
        ...request,
        url: `/api/ejournal/import${toQueryString({ ...query, background: 'true' })}`,
        onProgress: (f) => input.onProgress(f / 2),
      });
      return followImportJob(jobId, input.onProgress);
    },
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['watch-list'] });
      await client.invalidateQueries({ queryKey: ['indicators'] });
    },
  });
}
