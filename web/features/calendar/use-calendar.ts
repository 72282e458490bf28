import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TUpdateSemesterBody } from '../../../common/api/calendar.ts';
import type { TSemester } from '../../../common/api/risks.ts';
import { api } from '../../lib/api.ts';

/** Moves one semester's dates (national admin); the answer is the whole calendar. */
export function useUpdateSemester() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: TUpdateSemesterBody & { id: string }) =>
      api.patch<{ items: TSemester[] }>(`/api/semesters/${encodeURIComponent(id)}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['semesters'] }),
  });
}
