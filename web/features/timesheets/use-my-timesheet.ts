import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TMyTimesheet } from '../../../common/api/support.ts';
import { api, toQueryString } from '../../lib/api.ts';

/** The caller's own month as a provider (`GET /api/timesheets/mine`). */
export function useMyTimesheet(month: string) {
  return useQuery({
    queryKey: ['timesheets', 'mine', month],
    queryFn: () => api.get<TMyTimesheet>(`/api/timesheets/mine${toQueryString({ month })}`),
    placeholderData: keepPreviousData,
  });
}
