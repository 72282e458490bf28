import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCreateStudentBody,
  TMoveStudentBody,
  TStudentDetail,
  TStudentSummary,
  TUpdateStudentBody,
} from '../../../common/api/students.ts';
import type { TUserSummary } from '../../../common/api/users.ts';
import { api, toQueryString } from '../../lib/api.ts';

/** The cache key under which every student query lives. */
export const STUDENTS_KEY = ['students'] as const;

/** Filters, sort and page of the student list, as kept in the address bar. */
export type StudentListParams = {
  schoolId: string | null;
  q: string;
  grade: string | null;
  course: string | null;
  classLabel: string;
  status: string | null;
  sort: 'name' | 'class' | 'grade' | 'code';
  dir: 'asc' | 'desc';
  /** The page: null for the first, else the `nextCursor` of the page before. */
  cursor: string | null;
  pageSize: number;
};

/** One page of the students the caller may see. */
export function useStudentList(params: StudentListParams) {
  return useQuery({
    queryKey: [...STUDENTS_KEY, 'list', params],
    queryFn: () =>
      api.get<{
        items: TStudentSummary[];
        total: number;
        totalAtLeast?: boolean;
        codeSortable: boolean;
        nextCursor: string | null;
      }>(`/api/students${toQueryString(params)}`),
    placeholderData: keepPreviousData,
  });
}

/** The path of one student's record. */
export function studentPath(id: string): string {
  return `/api/students/${encodeURIComponent(id)}`;
}

/** One student with guardians, applications, moves and assigned staff. */
export function useStudent(id: string) {
  return useQuery({
    queryKey: [...STUDENTS_KEY, 'detail', id],
    queryFn: () => api.get<TStudentDetail>(studentPath(id)),
  });
}

/**
 * A mutation on one student whose answer is the updated record: the detail cache takes it directly,
 * and lists are refetched (names, class or the application flag may have changed).
 */
export function useStudentMutation<TInput>(id: string, request: (input: TInput) => Promise<TStudentDetail>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    onSuccess: async (detail) => {
      client.setQueryData([...STUDENTS_KEY, 'detail', id], detail);
      await client.invalidateQueries({ queryKey: [...STUDENTS_KEY, 'list'] });
    },
  });
}

/** Registers a student; answers with the new record. */
export function useCreateStudent() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateStudentBody) => api.post<TStudentDetail>('/api/students', body),
    onSuccess: () => client.invalidateQueries({ queryKey: [...STUDENTS_KEY, 'list'] }),
  });
}

/** Edits names, class, level or status. */
export function useUpdateStudent(id: string) {
  return useStudentMutation(id, (body: TUpdateStudentBody) =>
    api.patch<TStudentDetail>(studentPath(id), body),
  );
}

/** The whole personal code; the server records in the audit log that it was shown. */
export function useRevealCode(id: string) {
  return useMutation({
    mutationFn: () => api.post<{ personalCode: string }>(`${studentPath(id)}/reveal-code`),
  });
}

/** Moves the student to another school. Afterwards the caller may no longer see the record. */
export function useMoveStudent(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TMoveStudentBody) => api.post<{ ok: true }>(`${studentPath(id)}/move`, body),
    // Only the lists: the form itself asks for the record again, which may now be out of reach (404).
    onSuccess: () => client.invalidateQueries({ queryKey: [...STUDENTS_KEY, 'list'] }),
  });
}

/** Every active school of the country, for choosing where a student moves. */
export function useSchoolDirectory(enabled: boolean) {
  return useQuery({
    queryKey: ['schools', 'directory'],
    queryFn: () =>
      api
        .get<{
          items: { id: string; name: string; municipalityName: string | null }[];
        }>('/api/schools')
        .then((body) => body.items),
    enabled,
    staleTime: 10 * 60_000,
  });
}

/** Users of a school (home organisation or a role there), for assigning staff to a student. */
export function useSchoolUsers(schoolId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['users', 'list', { organisationId: schoolId, pageSize: 200 }],
    queryFn: () =>
      api.get<{ items: TUserSummary[]; total: number }>(
        `/api/users${toQueryString({ organisationId: schoolId, pageSize: 200 })}`,
      ),
    enabled,
  });
}

/** Assigns a teacher, specialist or plan preparer to the student. */
export function useAssignStaff(id: string) {
  return useStudentMutation(id, (userId: string) =>
    api.post<TStudentDetail>(`${studentPath(id)}/assignments`, { userId }),
  );
}

/** Ends an assignment; the record is fetched again since the answer carries no detail. */
export function useUnassignStaff(id: string) {
  return useStudentMutation(id, async (userId: string) => {
    await api.delete<unknown>(`${studentPath(id)}/assignments/${encodeURIComponent(userId)}`);
    return api.get<TStudentDetail>(studentPath(id));
  });
}
