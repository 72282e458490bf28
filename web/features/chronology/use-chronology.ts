import { useInfiniteQuery } from '@tanstack/react-query';
import type { ChronologyType, TChronology } from '../../../common/api/chronology.ts';
import { api } from '../../lib/api.ts';

export interface ChronologyFilter {
  types: ChronologyType[];
  from: string | null;
  to: string | null;
}

/** The query string of a filter (`types=plan,session&from=…&to=…`), without the leading `?`. */
export function filterQuery(filter: ChronologyFilter): URLSearchParams {
  const q = new URLSearchParams();
  if (filter.types.length > 0) q.set('types', filter.types.join(','));
  if (filter.from) q.set('from', filter.from);
  if (filter.to) q.set('to', filter.to);
  return q;
}

/** A student's chronology, a page at a time (newest first); `fetchNextPage` loads older entries. */
export function useChronology(studentId: string, filter: ChronologyFilter) {
  return useInfiniteQuery({
    queryKey: ['chronology', studentId, filter],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const q = filterQuery(filter);
      if (pageParam) q.set('cursor', pageParam);
      const suffix = q.toString() ? `?${q}` : '';
      return api.get<TChronology>(`/api/students/${encodeURIComponent(studentId)}/chronology${suffix}`);
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}
