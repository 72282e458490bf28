import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  PlanStatus,
  TEvaluation,
  TPlan,
  TPlanContent,
  ZPlanDiff,
  ZPlanList,
} from '../../../common/api/plans.ts';
import type { TSemester, TStudentRisk } from '../../../common/api/risks.ts';
import type { TUserSummary } from '../../../common/api/users.ts';
import { api, toQueryString } from '../../lib/api.ts';

/** One page of plans as the list endpoints answer. */
export type TPlanList = z.infer<typeof ZPlanList>;
/** One row of a plan list or approval queue. */
export type TPlanSummary = TPlanList['items'][number];
/** What changed since the plan was last returned. */
export type TPlanDiff = z.infer<typeof ZPlanDiff>;

/** The cache key under which every plan query lives. */
export const PLANS_KEY = ['plans'] as const;
/** The cache key of the approval queue (and its count on the start page). */
export const APPROVALS_KEY = ['approvals'] as const;

/** Filters of the plan list. */
export type PlanListParams = {
  studentId?: string;
  status?: PlanStatus | null;
  /** null for the first page, else the `nextCursor` of the page before. */
  cursor: string | null;
  pageSize: number;
};

/** The path of one plan. */
export function planPath(id: string): string {
  return `/api/plans/${encodeURIComponent(id)}`;
}

/** One page of the plans the caller may see (newest first). */
export function usePlanList(params: PlanListParams) {
  return useQuery({
    queryKey: [...PLANS_KEY, 'list', params],
    queryFn: () => api.get<TPlanList>(`/api/plans${toQueryString(params)}`),
    placeholderData: keepPreviousData,
  });
}

/** One plan with its history and the actions the caller may take now. */
export function usePlan(id: string) {
  return useQuery({ queryKey: [...PLANS_KEY, 'detail', id], queryFn: () => api.get<TPlan>(planPath(id)) });
}

/** What changed since the approvers last returned the plan; asked only when it matters. */
export function usePlanDiff(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...PLANS_KEY, 'diff', id],
    queryFn: () => api.get<TPlanDiff>(`${planPath(id)}/diff`),
    enabled,
  });
}

/** Every semester, newest first. */
export function useSemesters() {
  return useQuery({
    queryKey: ['semesters'],
    queryFn: () =>
      api
        .get<{ items: TSemester[] }>('/api/semesters')
        .then((body) => [...body.items].sort((a, b) => b.startsOn.localeCompare(a.startsOn))),
    staleTime: 10 * 60_000,
  });
}

/** The student's risk records (all semesters); a plan addresses some of them. */
export function useStudentRisks(studentId: string, enabled = true) {
  return useQuery({
    queryKey: ['students', 'risks', studentId],
    queryFn: () => api.get<{ items: TStudentRisk[] }>(`/api/students/${encodeURIComponent(studentId)}/risks`),
    enabled,
  });
}

/**
 * Staff of the school, for providers and the supervisor. Roles without access to users get an empty
 * list (or a refusal); the plan can then be saved without a provider.
 */
export function useSchoolStaff(schoolId: string) {
  // The same key and answer shape as the student page's staff list, so both share the cache.
  return useQuery({
    queryKey: ['users', 'list', { organisationId: schoolId, pageSize: 200 }],
    queryFn: () =>
      api.get<{ items: TUserSummary[]; total: number }>(
        `/api/users${toQueryString({ organisationId: schoolId, pageSize: 200 })}`,
      ),
    retry: false,
  });
}

function usePlanUpdate<TInput>(id: string, request: (input: TInput) => Promise<TPlan | null>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: async (plan) => {
      if (plan) client.setQueryData([...PLANS_KEY, 'detail', id], plan);
      await Promise.all([
        client.invalidateQueries({ queryKey: [...PLANS_KEY, 'list'] }),
        client.invalidateQueries({ queryKey: [...PLANS_KEY, 'diff', id] }),
        client.invalidateQueries({ queryKey: APPROVALS_KEY }),
        client.invalidateQueries({ queryKey: ['notifications'] }),
      ]);
    },
  });
}

/** Starts a draft plan for a student and semester. */
export function useCreatePlan() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { studentId: string; semesterId: string }) => api.post<TPlan>('/api/plans', body),
    onSuccess: (plan) => {
      client.setQueryData([...PLANS_KEY, 'detail', plan.id], plan);
      return client.invalidateQueries({ queryKey: [...PLANS_KEY, 'list'] });
    },
  });
}

/** Saves the draft content. */
export function useSavePlan(id: string) {
  return usePlanUpdate(id, (content: TPlanContent) => api.put<TPlan>(`${planPath(id)}/content`, content));
}

/** The actions that need nothing but the plan. */
export type SimplePlanAction = 'submit' | 'approve' | 'start' | 'resume' | 'revise' | 'close' | 'delete';

/** A move of the state machine that needs no input (submit, approve, start, …). */
export function useSimplePlanAction(id: string) {
  return usePlanUpdate(id, (action: SimplePlanAction) => api.post<TPlan | null>(`${planPath(id)}/${action}`));
}

/** Returns the plan with a comment on the plan and, optionally, on measures. */
export function useReturnPlan(id: string) {
  return usePlanUpdate(
    id,
    (body: { comment: string; measureComments: { measureId: string; comment: string }[] }) =>
      api.post<TPlan>(`${planPath(id)}/return`, body),
  );
}

/** Pauses a plan in progress with a reason. */
export function usePausePlan(id: string) {
  return usePlanUpdate(id, (reason: string) => api.post<TPlan>(`${planPath(id)}/pause`, { reason }));
}

/** Records the semester evaluation; answers with the plan and the id of the continuing draft, if any. */
export function useEvaluatePlan(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TEvaluation) =>
      api.post<{ plan: TPlan; nextPlanId: string | null }>(`${planPath(id)}/evaluate`, body),
    onSuccess: async ({ plan }) => {
      client.setQueryData([...PLANS_KEY, 'detail', id], plan);
      await client.invalidateQueries({ queryKey: [...PLANS_KEY, 'list'] });
    },
  });
}
