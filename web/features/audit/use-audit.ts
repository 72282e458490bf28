import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TAuditEvent } from '../../../common/api/audit.ts';
import { api, toQueryString } from '../../lib/api.ts';

/** The audit filters as the server takes them (dates yyyy-mm-dd). */
export type AuditFilters = {
  action: string | null;
  entityType: string | null;
  outcome: TAuditEvent['outcome'] | null;
  from: string | null;
  to: string | null;
};

/** One page of audit events matching the filters. */
export function useAuditEvents(filters: AuditFilters, cursor: string | null, pageSize: number) {
  return useQuery({
    queryKey: ['audit', filters, cursor, pageSize],
    queryFn: () =>
      api.get<{ items: TAuditEvent[]; total: number; nextCursor: string | null }>(
        `/api/audit${toQueryString({ ...filters, cursor, pageSize })}`,
      ),
    placeholderData: keepPreviousData,
  });
}
