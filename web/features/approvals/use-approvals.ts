import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, toQueryString } from '../../lib/api.ts';
import { APPROVALS_KEY, PLANS_KEY, type TPlanList } from '../plans/use-plans.ts';

/** One page of the caller's approval queue: plans waiting at the levels the caller approves, oldest first. */
export function useApprovalQueue(cursor: string | null, pageSize: number, enabled = true) {
  return useQuery({
    queryKey: [...APPROVALS_KEY, { cursor, pageSize }],
    queryFn: () => api.get<TPlanList>(`/api/approvals${toQueryString({ cursor, pageSize })}`),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** Approves several plans at once: all of them or none. */
export function useBulkApprove() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (planIds: string[]) => api.post<{ approved: number }>('/api/approvals/approve', { planIds }),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: APPROVALS_KEY }),
        client.invalidateQueries({ queryKey: PLANS_KEY }),
        client.invalidateQueries({ queryKey: ['notifications'] }),
      ]),
  });
}
