import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ReferralItem,
  TPartnerReferralList,
  TReferral,
  TReferralStatusBody,
  TSendReferralBody,
  TSharedData,
  TStudentReferrals,
} from '../../../common/api/referrals.ts';
import { api } from '../../lib/api.ts';

const KEY = ['referrals'] as const;
const studentPath = (studentId: string) => `/api/students/${encodeURIComponent(studentId)}/referrals`;

/** A student's referrals (school side), with the partners and plan measures a new one may name. */
export function useStudentReferrals(studentId: string) {
  return useQuery({
    queryKey: [...KEY, 'student', studentId],
    queryFn: () => api.get<TStudentReferrals>(studentPath(studentId)),
  });
}

/** Exactly what the partner would see of the chosen items. */
export function usePreviewReferral(studentId: string) {
  return useMutation({
    mutationFn: (items: ReferralItem[]) =>
      api.post<{ data: TSharedData }>(`${studentPath(studentId)}/preview`, { items }),
  });
}

/** Sends a referral. */
export function useSendReferral(studentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TSendReferralBody) => api.post<TReferral>(studentPath(studentId), body),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

/** Closes (answered) or withdraws (not yet answered) a referral: the school side. */
export function useEndReferral() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, how }: { id: string; how: 'close' | 'withdraw' }) =>
      api.post<TReferral>(`/api/referrals/${encodeURIComponent(id)}/${how}`, {}),
    onSuccess: () => client.invalidateQueries({ queryKey: KEY }),
  });
}

/** The referrals addressed to the partner's institution. */
export function usePartnerReferrals(status: 'open' | 'all', enabled = true) {
  return useQuery({
    queryKey: [...KEY, 'inbox', status],
    enabled,
    queryFn: () => api.get<TPartnerReferralList>(`/api/referrals?status=${status}`),
  });
}

/** One referral (the partner's view). */
export function useReferral(id: string) {
  return useQuery({
    queryKey: [...KEY, 'one', id],
    queryFn: () => api.get<TReferral>(`/api/referrals/${encodeURIComponent(id)}`),
  });
}

/** The partner marks a referral received, in progress or answered. */
export function useReferralStatus(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TReferralStatusBody) =>
      api.post<TReferral>(`/api/referrals/${encodeURIComponent(id)}/status`, body),
    onSuccess: (data) => {
      client.setQueryData([...KEY, 'one', id], data);
      void client.invalidateQueries({ queryKey: [...KEY, 'inbox'] });
    },
  });
}

/** Invalidates every referral query (after an upload). */
export function useRefreshReferrals() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: KEY });
}
