import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCreateOrganisationBody,
  TOrganisation,
  TUpdateOrganisationBody,
} from '../../../common/api/organisations.ts';
import { api } from '../../lib/api.ts';

const ORGANISATIONS_KEY = ['organisations'] as const;

/** Every organisation in the caller's scope, as a flat list. */
export function useOrganisations() {
  return useQuery({
    queryKey: ORGANISATIONS_KEY,
    queryFn: () => api.get<{ items: TOrganisation[] }>('/api/organisations').then((body) => body.items),
    staleTime: 5 * 60_000,
  });
}

/** Adds an organisation under a parent of the caller's scope. */
export function useCreateOrganisation() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateOrganisationBody) => api.post<TOrganisation>('/api/organisations', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ORGANISATIONS_KEY }),
  });
}

/** Changes an organisation's name, code, school type or active flag. */
export function useUpdateOrganisation(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TUpdateOrganisationBody) => api.patch<TOrganisation>(`/api/organisations/${id}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ORGANISATIONS_KEY }),
  });
}
