import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TJobStarted } from '../../../common/api/jobs.ts';
import type {
  TProgrammeFigures,
  TReportIndicators,
  TReportPeriods,
  TReportStudents,
} from '../../../common/api/reports.ts';
import { api, toQueryString } from '../../lib/api.ts';

/** The cache key of every report answer. */
export const REPORTS_KEY = ['reports'] as const;

/** The periods to choose from (newest first) and the current semester. */
export function useReportPeriods() {
  return useQuery({
    queryKey: [...REPORTS_KEY, 'periods'],
    queryFn: () => api.get<TReportPeriods>('/api/reports/periods'),
    staleTime: 5 * 60_000,
  });
}

/** One organisation's indicators for a period (the server's defaults when either is missing). */
export function useReportIndicators(org: string | null, period: string | null) {
  return useQuery({
    queryKey: [...REPORTS_KEY, 'indicators', org, period],
    queryFn: () => api.get<TReportIndicators>(`/api/reports/indicators${toQueryString({ org, period })}`),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** One page of the students behind a school's figures (never asked for in the auditor view). */
export function useReportStudents(
  org: string,
  period: string,
  limit: number,
  offset: number,
  enabled: boolean,
) {
  return useQuery({
    queryKey: [...REPORTS_KEY, 'students', org, period, limit, offset],
    queryFn: () =>
      api.get<TReportStudents>(`/api/reports/students${toQueryString({ org, period, limit, offset })}`),
    enabled,
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** The programme's published figures for every school year and semester. */
export function useProgrammeFigures(org: string | null) {
  return useQuery({
    queryKey: [...REPORTS_KEY, 'programme', org],
    queryFn: () => api.get<TProgrammeFigures>(`/api/reports/programme${toQueryString({ org })}`),
    retry: false,
  });
}

/** Asks for a period's figures to be recomputed (a background job; the answer carries its id). */
export function useRequestRefresh() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (period: string) => api.post<TJobStarted>('/api/reports/refresh', { period }),
    onSuccess: () => client.invalidateQueries({ queryKey: [...REPORTS_KEY, 'indicators'] }),
  });
}
