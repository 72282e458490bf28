import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TPlanned, TPlannedBody } from '../../../common/api/schedule.ts';
import { api, toQueryString } from '../../lib/api.ts';
import { SUPPORT_KEY } from './use-support.ts';

/** The caller's planned consultations between two dates (a coordinator: also the school's). */
export function usePlanned(from: string, to: string) {
  return useQuery({
    queryKey: [...SUPPORT_KEY, 'planned', from, to],
    queryFn: () =>
      api
        .get<{ items: TPlanned[] }>(`/api/support/planned${toQueryString({ from, to })}`)
        .then((b) => b.items),
    placeholderData: keepPreviousData,
  });
}

/** Schedules a consultation, one-off or weekly. */
export function useSchedulePlanned() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TPlannedBody) => api.post<{ items: TPlanned[] }>('/api/support/planned', body),
    onSuccess: () => client.invalidateQueries({ queryKey: SUPPORT_KEY }),
  });
}

/** Cancels a planned consultation (or it and the rest of its series) with a reason. */
export function useCancelPlanned() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; reason: string; scope: 'one' | 'rest_of_series' }) =>
      api.post<{ cancelled: number }>(`/api/support/planned/${encodeURIComponent(v.id)}/cancel`, {
        reason: v.reason,
        scope: v.scope,
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: SUPPORT_KEY }),
  });
}

/** Makes (or replaces) the caller's calendar feed address; it is shown once. */
export function useRotateFeed() {
  return useMutation({ mutationFn: () => api.post<{ path: string }>('/api/support/calendar-feed', {}) });
}
