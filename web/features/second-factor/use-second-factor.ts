import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TMe } from '../../../common/api/auth.ts';
import type { TEnrolment, TRecoveryCodes, TSecondFactorStatus } from '../../../common/api/second-factor.ts';
import { api } from '../../lib/api.ts';
import { ME_KEY } from '../../lib/query-client.ts';

export const SECOND_FACTOR_KEY = ['second-factor'] as const;

/** The user's second-factor state (account page). */
export function useSecondFactorStatus() {
  return useQuery({
    queryKey: SECOND_FACTOR_KEY,
    queryFn: () => api.get<TSecondFactorStatus>('/api/auth/second-factor'),
  });
}

/** A new (or the waiting) authenticator secret with its QR code; fetched only when asked. */
export function useEnrolment(enabled: boolean) {
  return useQuery({
    queryKey: [...SECOND_FACTOR_KEY, 'enrolment'],
    queryFn: () => api.get<TEnrolment>('/api/auth/second-factor/enrolment'),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 0,
  });
}

/** Refreshes the user (the pending state) and the second-factor status after a change. */
function useRefresh() {
  const client = useQueryClient();
  return async () => {
    await client.invalidateQueries({ queryKey: SECOND_FACTOR_KEY });
    await client.invalidateQueries({ queryKey: ME_KEY });
  };
}

/** Confirms enrolment with the first code; answers the recovery codes (shown once). */
export function useConfirmEnrolment() {
  return useMutation({
    mutationFn: (code: string) => api.post<TRecoveryCodes>('/api/auth/second-factor/enrolment', { code }),
  });
}

/** The sign-in's second step: a code or a recovery code. */
export function useVerifySecondFactor() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (code: string) => api.post<{ ok: true }>('/api/auth/second-factor/verify', { code }),
    onSuccess: refresh,
  });
}

export function useRegenerateRecoveryCodes() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (code: string) =>
      api.post<TRecoveryCodes>('/api/auth/second-factor/recovery-codes', { code }),
    onSuccess: refresh,
  });
}

export function useDisableSecondFactor() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (code: string) => api.post<{ ok: true }>('/api/auth/second-factor/disable', { code }),
    onSuccess: refresh,
  });
}

/** Re-reads the user after enrolment is finished (the recovery codes were seen). */
export function useFinishEnrolment() {
  return useRefresh();
}

/** Whether the user has a second factor (the step-up asks for a code) or not (the password). */
export function stepUpWith(me: TMe | null | undefined): 'code' | 'password' {
  return me?.secondFactor.enabled ? 'code' : 'password';
}
