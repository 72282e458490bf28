import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TIndicators } from '../../../common/api/ejournal.ts';
import { api, toQueryString } from '../../lib/api.ts';

/** The series of the student page's charts, with the thresholds to draw. */
export type StudentCharts = {
  thresholds: { unjustifiedLessons: number; lowMark: number };
  absences: { weekStart: string; unjustified: number; justified: number; cumulativeUnjustified: number }[];
  marks: { onDate: string; subject: string; mark: string; value: number | null }[];
};

const studentPath = (id: string) => `/api/students/${encodeURIComponent(id)}`;

/** A student's indicators and flags for a semester; null when there are no e-journal data. */
export function useIndicators(studentId: string, semesterId: string | null) {
  return useQuery({
    queryKey: ['indicators', 'student', studentId, semesterId],
    queryFn: () =>
      api.get<TIndicators | null>(`${studentPath(studentId)}/indicators${toQueryString({ semesterId })}`),
    enabled: semesterId !== null,
  });
}

/** Weekly unjustified absences (cumulative) and marks over the semester. */
export function useStudentCharts(studentId: string, semesterId: string | null) {
  return useQuery({
    queryKey: ['indicators', 'charts', studentId, semesterId],
    queryFn: () => api.get<StudentCharts>(`${studentPath(studentId)}/charts${toQueryString({ semesterId })}`),
    enabled: semesterId !== null,
  });
}

/** Records the date the school informed the municipality of more than 20 unjustified lessons. */
export function useRecordLegalDuty(studentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { semesterId: string; informedOn: string }) =>
      api.post<{ ok: true }>(`${studentPath(studentId)}/legal-duty`, body),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['indicators', 'student', studentId] });
      await client.invalidateQueries({ queryKey: ['watch-list'] });
    },
  });
}
