import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ErasureReason,
  TErasureLogRow,
  ZErasureLog,
  ZErasureResult,
  ZRetentionList,
  ZRopa,
} from '../../../common/api/privacy.ts';
import type { Language } from '../../../common/roles.ts';
import { api } from '../../lib/api.ts';
import { STUDENTS_KEY } from '../students/use-students.ts';

export type TErasureLog = z.infer<typeof ZErasureLog>;
export type TErasureResult = z.infer<typeof ZErasureResult>;
export type TRetentionList = z.infer<typeof ZRetentionList>;
export type TRopa = z.infer<typeof ZRopa>;
export type { TErasureLogRow };

const PRIVACY_KEY = ['privacy'] as const;

/** The newest erasures of the caller's scope (national admin, auditor). */
export function useErasureLog() {
  return useQuery({
    queryKey: [...PRIVACY_KEY, 'erasure-log'],
    queryFn: () => api.get<TErasureLog>('/api/privacy/erasure-log'),
  });
}

/** The retention classes with the current settings' periods. */
export function useRetentionClasses() {
  return useQuery({
    queryKey: [...PRIVACY_KEY, 'retention'],
    queryFn: () => api.get<TRetentionList>('/api/privacy/retention'),
  });
}

/** The record of processing activities (GDPR Art. 30) in one language. */
export function useRopa(language: Language) {
  return useQuery({
    queryKey: [...PRIVACY_KEY, 'ropa', language],
    queryFn: () => api.get<TRopa>(`/api/privacy/ropa?lang=${language}`),
  });
}

/** Erases (anonymises) one student; the student and the erasure log are read again afterwards. */
export function useEraseStudent(studentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (reason: ErasureReason) =>
      api.post<TErasureResult>(`/api/students/${encodeURIComponent(studentId)}/erasure`, { reason }),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: STUDENTS_KEY }),
        client.invalidateQueries({ queryKey: PRIVACY_KEY }),
      ]),
  });
}
