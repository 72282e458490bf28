import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { TFlagValidation } from '../../../common/api/flag-validation.ts';
import { api, toQueryString } from '../../lib/api.ts';

/** The report of an organisation and semester (the server's defaults when either is missing). */
export function useFlagValidation(org: string | null, semester: string | null) {
  return useQuery({
    queryKey: ['flag-validation', org, semester],
    queryFn: () => api.get<TFlagValidation>(`/api/flag-validation${toQueryString({ org, semester })}`),
    placeholderData: keepPreviousData,
    retry: false,
  });
}
