import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  LetterKind,
  TLetter,
  TLetterList,
  TLetterTemplate,
  TLetterTemplateBody,
  TSendLetterBody,
} from '../../../common/api/letters.ts';
import { api } from '../../lib/api.ts';

/** The letters sent to a student's guardians, and whom a new one may go to. */
export function useStudentLetters(studentId: string) {
  return useQuery({
    queryKey: ['letters', studentId],
    queryFn: () => api.get<TLetterList>(`/api/students/${encodeURIComponent(studentId)}/letters`),
  });
}

/** Generates and records a letter. */
export function useSendLetter(studentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TSendLetterBody) =>
      api.post<TLetter>(`/api/students/${encodeURIComponent(studentId)}/letters`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['letters', studentId] }),
  });
}

/** The national letter templates (national admin). */
export function useLetterTemplates() {
  return useQuery({
    queryKey: ['letter-templates'],
    queryFn: () => api.get<{ items: TLetterTemplate[] }>('/api/letter-templates'),
  });
}

type TemplateKey = { kind: LetterKind; language: 'lv' | 'en' };

/** Saves a template as a new version. */
export function useSaveTemplate() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, language, ...body }: TemplateKey & TLetterTemplateBody) =>
      api.put<{ items: TLetterTemplate[] }>(`/api/letter-templates/${kind}/${language}`, body),
    onSuccess: (data) => client.setQueryData(['letter-templates'], data),
  });
}

/** Fills a template (as edited) with sample data. */
export function usePreviewTemplate() {
  return useMutation({
    mutationFn: (body: TemplateKey & TLetterTemplateBody) =>
      api.post<{ subject: string; body: string }>('/api/letter-templates/preview', body),
  });
}
