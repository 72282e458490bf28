import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TJob, TJobList, TJobStarted } from '../../../common/api/jobs.ts';
import { api } from '../../lib/api.ts';

/** While a job is queued or running, its page asks again this often (milliseconds). */
export const JOB_POLL_MS = 2_000;

const unfinished = (state: string) => state === 'queued' || state === 'running';

/** The newest jobs of the caller's scope; polled while any is unfinished. */
export function useJobs() {
  return useQuery({
    queryKey: ['jobs'],
    queryFn: () => api.get<TJobList>('/api/jobs'),
    refetchInterval: (q) => (q.state.data?.items.some((j) => unfinished(j.state)) ? JOB_POLL_MS : false),
  });
}

/** One job's status (e.g. an import's progress); polled until it has finished. */
export function useJob(id: string | null) {
  return useQuery({
    queryKey: ['jobs', id],
    queryFn: () => api.get<TJob>(`/api/jobs/${encodeURIComponent(id ?? '')}`),
    enabled: id !== null,
    refetchInterval: (q) => (q.state.data && !unfinished(q.state.data.state) ? false : JOB_POLL_MS),
  });
}

/** Starts a recomputation of an organisation's student indicators (a job). */
export function useRecomputeIndicators() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (orgId: string) =>
      api.post<TJobStarted>(`/api/organisations/${encodeURIComponent(orgId)}/indicators/recompute`, {}),
    onSuccess: () => client.invalidateQueries({ queryKey: ['jobs'] }),
  });
}
