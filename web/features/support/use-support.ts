import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  TSession,
  TSessionBody,
  ZMyMeasures,
  ZPlanProgress,
  ZPublicSession,
} from '../../../common/api/support.ts';
import { api, toQueryString } from '../../lib/api.ts';

/** One consultation measure the caller provides, with hours planned and delivered. */
export type TMyMeasure = z.infer<typeof ZMyMeasures>['items'][number];
/** Planned against delivered per measure of one plan. */
export type TPlanProgress = z.infer<typeof ZPlanProgress>;
/** What the public confirmation page shows of a remote session. */
export type TPublicSession = z.infer<typeof ZPublicSession>;

/** The cache key under which every support query lives. */
export const SUPPORT_KEY = ['support'] as const;

/** The caller's consultation measures in plans in progress ("Mani skolēni"). */
export function useMyMeasures() {
  return useQuery({
    queryKey: [...SUPPORT_KEY, 'my-measures'],
    queryFn: () => api.get<{ items: TMyMeasure[] }>('/api/support/my-measures').then((body) => body.items),
  });
}

/** The caller's sessions between two dates, for the week view. */
export function useMySessions(from: string, to: string) {
  return useQuery({
    queryKey: [...SUPPORT_KEY, 'sessions', from, to],
    queryFn: () =>
      api
        .get<{ items: TSession[] }>(`/api/support/sessions${toQueryString({ from, to })}`)
        .then((b) => b.items),
    placeholderData: keepPreviousData,
  });
}

/** Records a session; delivered hours and the plans' progress change once students confirm. */
export function useCreateSession() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TSessionBody) => api.post<TSession>('/api/support/sessions', body),
    onSuccess: () => client.invalidateQueries({ queryKey: SUPPORT_KEY }),
  });
}

/** A student confirms an in-person session with the PIN on the provider's device. */
export function useConfirmInPerson(sessionId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { studentId: string; pin: string }) =>
      api.post<{ ok: true }>(`/api/support/sessions/${encodeURIComponent(sessionId)}/confirm`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: SUPPORT_KEY }),
  });
}

/** Planned against delivered hours of one plan's measures. */
export function usePlanProgress(planId: string) {
  return useQuery({
    queryKey: [...SUPPORT_KEY, 'plan-progress', planId],
    queryFn: () => api.get<TPlanProgress>(`/api/plans/${encodeURIComponent(planId)}/progress`),
  });
}

/** Gives a student a new confirmation PIN (school coordinator or director). */
export function useSetStudentPin(studentId: string) {
  return useMutation({
    mutationFn: (pin: string) =>
      api.put<{ ok: true }>(`/api/students/${encodeURIComponent(studentId)}/pin`, { pin }),
  });
}

const publicPath = (token: string) => `/api/confirm/${encodeURIComponent(token)}`;

/** A remote session as its confirmation link shows it, without signing in. */
export function usePublicSession(token: string) {
  return useQuery({
    queryKey: [...SUPPORT_KEY, 'public', token],
    queryFn: () => api.get<TPublicSession>(publicPath(token)),
  });
}

/** A student confirms a remote session through its link with the PIN. */
export function useConfirmRemote(token: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { studentId: string; pin: string }) => api.post<{ ok: true }>(publicPath(token), body),
    onSuccess: () => client.invalidateQueries({ queryKey: [...SUPPORT_KEY, 'public', token] }),
  });
}
