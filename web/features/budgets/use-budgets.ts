import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  BudgetCategory,
  ZBudget,
  ZCaps,
  ZPaymentBody,
  ZPaymentList,
} from '../../../common/api/support.ts';
import { api, toQueryString } from '../../lib/api.ts';

/** A school's semester budget: allocated, used and remaining per line. */
export type TBudget = z.infer<typeof ZBudget>;
/** One line of a budget. */
export type TBudgetLine = TBudget['lines'][number];
/** The national per-student caps. */
export type TCaps = z.infer<typeof ZCaps>;
/** A plan's recorded economic payments. */
export type TPaymentList = z.infer<typeof ZPaymentList>;
/** One recorded payment. */
export type TPayment = TPaymentList['items'][number];
/** What a new payment sends. */
export type TPaymentBody = z.infer<typeof ZPaymentBody>;

/** The cache key of budgets, caps and payments. */
export const BUDGETS_KEY = ['budgets'] as const;

/** A school's budget for a semester; nothing is asked until both are chosen. */
export function useBudget(schoolId: string | null, semesterId: string | null, enabled = true) {
  return useQuery({
    queryKey: [...BUDGETS_KEY, 'budget', schoolId, semesterId],
    queryFn: () => api.get<TBudget>(`/api/budgets${toQueryString({ schoolId, semesterId })}`),
    enabled: enabled && Boolean(schoolId && semesterId),
    retry: false,
  });
}

/** Allocates one budget line (hours for consultations, cents for the rest). */
export function useSaveBudget() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { schoolId: string; semesterId: string; category: BudgetCategory; amount: number }) =>
      api.put<TBudget>('/api/budgets', body),
    onSuccess: (budget) => {
      client.setQueryData([...BUDGETS_KEY, 'budget', budget.schoolId, budget.semesterId], budget);
    },
  });
}

/** The national per-student caps (null: no cap). */
export function useCaps() {
  return useQuery({
    queryKey: [...BUDGETS_KEY, 'caps'],
    queryFn: () => api.get<TCaps>('/api/support-caps'),
  });
}

/** Sets or removes (null) the cap of one category; national admin only. */
export function useSaveCap() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { category: BudgetCategory; amount: number | null }) =>
      api.put<TCaps>('/api/support-caps', body),
    onSuccess: (caps) => client.setQueryData([...BUDGETS_KEY, 'caps'], caps),
  });
}

/** A plan's payments, oldest first. */
export function usePayments(planId: string) {
  return useQuery({
    queryKey: [...BUDGETS_KEY, 'payments', planId],
    queryFn: () => api.get<TPaymentList>(`/api/plans/${encodeURIComponent(planId)}/payments`),
  });
}

/** Records a payment; the budgets, the payments and the plan's progress change with it. */
export function useRecordPayment(planId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TPaymentBody) =>
      api.post<TPaymentList>(`/api/plans/${encodeURIComponent(planId)}/payments`, body),
    onSuccess: (list) => {
      client.setQueryData([...BUDGETS_KEY, 'payments', planId], list);
      void client.invalidateQueries({ queryKey: [...BUDGETS_KEY, 'budget'] });
      // The plan's progress (economic spent) lives with the support queries.
      void client.invalidateQueries({ queryKey: ['support'] });
    },
  });
}
