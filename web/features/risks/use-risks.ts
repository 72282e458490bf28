import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCreateRiskItemBody,
  TRecordRiskBody,
  TRiskItem,
  TRiskItemBody,
  TSemester,
  TStudentRisk,
} from '../../../common/api/risks.ts';
import { api } from '../../lib/api.ts';

const CATALOGUE_KEY = ['risk-catalogue'] as const;

/** A student's risk records across semesters and whether the user may record more. */
export type StudentRiskList = { items: TStudentRisk[]; canRecord: boolean };

/** The semesters, newest first, with `current` set on today's. */
export function useSemesters() {
  return useQuery({
    queryKey: ['semesters'],
    queryFn: () => api.get<{ items: TSemester[] }>('/api/semesters').then((body) => body.items),
    staleTime: 30 * 60_000,
  });
}

/** The risk catalogue, retired items included (old records still name them). */
export function useRiskCatalogue() {
  return useQuery({
    queryKey: CATALOGUE_KEY,
    queryFn: () => api.get<{ items: TRiskItem[] }>('/api/risk-catalogue').then((body) => body.items),
    staleTime: 10 * 60_000,
  });
}

function useCatalogueMutation<TInput>(request: (input: TInput) => Promise<TRiskItem>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: () => client.invalidateQueries({ queryKey: CATALOGUE_KEY }),
  });
}

/** Adds an item to the catalogue (national admin). */
export function useCreateRiskItem() {
  return useCatalogueMutation((body: TCreateRiskItemBody) =>
    api.post<TRiskItem>('/api/risk-catalogue', body),
  );
}

/** Rewords an item as a new version (national admin). */
export function useReviseRiskItem() {
  return useCatalogueMutation(({ id, body }: { id: string; body: TRiskItemBody }) =>
    api.put<TRiskItem>(`/api/risk-catalogue/${encodeURIComponent(id)}`, body),
  );
}

/** Retires an item or brings it back (national admin). */
export function useSetRiskRetired() {
  return useCatalogueMutation(({ id, retired }: { id: string; retired: boolean }) =>
    api.post<TRiskItem>(`/api/risk-catalogue/${encodeURIComponent(id)}/retired`, { retired }),
  );
}

const risksKey = (studentId: string) => ['students', 'risks', studentId] as const;
const risksPath = (studentId: string) => `/api/students/${encodeURIComponent(studentId)}/risks`;

/** A student's risk records (the server hides the detail of sensitive ones from roles that do not need it). */
export function useStudentRisks(studentId: string) {
  return useQuery({
    queryKey: risksKey(studentId),
    queryFn: () => api.get<StudentRiskList>(risksPath(studentId)),
  });
}

function useStudentRiskMutation<TInput>(
  studentId: string,
  request: (input: TInput) => Promise<StudentRiskList>,
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: async (list) => {
      client.setQueryData(risksKey(studentId), list);
      // Whether the student counts as assessed on the watch list may have changed.
      await client.invalidateQueries({ queryKey: ['watch-list'] });
    },
  });
}

/** Records a risk found in a semester, with its justification; answers with the updated list. */
export function useRecordRisk(studentId: string) {
  return useStudentRiskMutation(studentId, (body: TRecordRiskBody) =>
    api.post<StudentRiskList>(risksPath(studentId), body),
  );
}

/** Removes a risk recorded by mistake; it stays in the history as removed. */
export function useRemoveRisk(studentId: string) {
  return useStudentRiskMutation(studentId, (riskId: string) =>
    api.delete<StudentRiskList>(`${risksPath(studentId)}/${encodeURIComponent(riskId)}`),
  );
}
