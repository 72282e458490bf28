import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { TTimesheet, ZTimesheetEntryBody } from '../../../common/api/support.ts';
import type { TUserSummary } from '../../../common/api/users.ts';
import { api, toQueryString } from '../../lib/api.ts';

/** What the entry form sends: preparation, supervision or (after sign-off) an adjustment with a reason. */
export type TTimesheetEntryBody = z.input<typeof ZTimesheetEntryBody>;

const TIMESHEETS_KEY = ['timesheets'] as const;

/** One school's month: hours per provider, the extra entries and whether it is signed off. */
export function useTimesheet(schoolId: string | null, month: string) {
  return useQuery({
    queryKey: [...TIMESHEETS_KEY, schoolId, month],
    queryFn: () => api.get<TTimesheet>(`/api/timesheets${toQueryString({ schoolId, month })}`),
    enabled: Boolean(schoolId),
    placeholderData: keepPreviousData,
  });
}

/** The school's staff, to choose whose preparation or supervision hours are added. */
export function useSchoolPeople(schoolId: string | null) {
  return useQuery({
    // Its own key: other features cache this same list under 'list' in another shape.
    queryKey: ['users', 'timesheet-people', schoolId],
    queryFn: () =>
      api
        .get<{ items: TUserSummary[] }>(
          `/api/users${toQueryString({ organisationId: schoolId, pageSize: 200 })}`,
        )
        .then((body) => body.items),
    enabled: Boolean(schoolId),
    retry: false,
  });
}

/** Adds preparation or supervision hours, or an adjustment after sign-off. */
export function useAddTimesheetEntry() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TTimesheetEntryBody) => api.post<unknown>('/api/timesheets/entries', body),
    onSuccess: () => client.invalidateQueries({ queryKey: TIMESHEETS_KEY }),
  });
}

/** Signs off the school's month; later changes are adjustments with a reason. */
export function useSignOffMonth() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { schoolId: string; month: string }) =>
      api.post<unknown>('/api/timesheets/sign-off', body),
    onSuccess: () => client.invalidateQueries({ queryKey: TIMESHEETS_KEY }),
  });
}

/** The payroll workbook of the month (one sheet per school; limited to one school when given). */
export function timesheetXlsxUrl(month: string, schoolId: string | null): string {
  return `/api/timesheets.xlsx${toQueryString({ month, schoolId })}`;
}
