import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TCreateGrantBody,
  TCreateUserBody,
  TSecondFactorResetAnswer,
  TUpdateUserBody,
  TUserDetail,
  TUserSummary,
} from '../../../common/api/users.ts';
import { api, toQueryString } from '../../lib/api.ts';

const USERS_KEY = ['users'] as const;

/** Filters of the user list, as kept in the address bar. */
export type UserListParams = {
  q: string;
  organisationId: string | null;
  cursor: string | null;
  pageSize: number;
};

/** One page of the users the caller may manage. */
export function useUserList(params: UserListParams) {
  return useQuery({
    queryKey: [...USERS_KEY, 'list', params],
    queryFn: () =>
      api.get<{ items: TUserSummary[]; total: number; nextCursor: string | null }>(
        `/api/users${toQueryString({ q: params.q, organisationId: params.organisationId, cursor: params.cursor, pageSize: params.pageSize })}`,
      ),
    placeholderData: keepPreviousData,
  });
}

/** One user with their grants. */
export function useUser(id: string) {
  return useQuery({
    queryKey: [...USERS_KEY, 'detail', id],
    queryFn: () => api.get<TUserDetail>(`/api/users/${encodeURIComponent(id)}`),
  });
}

function useUsersMutation<TInput, TOutput>(request: (input: TInput) => Promise<TOutput>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: request,
    // Lists, the detail page and the signed-in user's own grants may all have changed.
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: USERS_KEY }),
        client.invalidateQueries({ queryKey: ['me'] }),
      ]),
  });
}

/** Creates a user with an initial password set by the manager; answers with the new user. */
export function useCreateUser() {
  return useUsersMutation((body: TCreateUserBody) => api.post<TUserDetail>('/api/users', body));
}

/** Changes names, language, active flag or password of a user. */
export function useUpdateUser(id: string) {
  return useUsersMutation((body: TUpdateUserBody) =>
    api.patch<TUserDetail>(`/api/users/${encodeURIComponent(id)}`, body),
  );
}

/** Grants a role on an organisation. */
export function useAddGrant(userId: string) {
  return useUsersMutation((body: TCreateGrantBody) =>
    api.post<unknown>(`/api/users/${encodeURIComponent(userId)}/grants`, body),
  );
}

/** Removes one grant. */
export function useRemoveGrant(userId: string) {
  return useUsersMutation((grantId: string) =>
    api.delete<unknown>(`/api/users/${encodeURIComponent(userId)}/grants/${encodeURIComponent(grantId)}`),
  );
}

/** Resets the user's lost second factor (authenticator and recovery codes); the user's sessions end. */
export function useResetSecondFactor(userId: string) {
  return useUsersMutation(() =>
    api.post<TSecondFactorResetAnswer>(`/api/users/${encodeURIComponent(userId)}/second-factor/reset`),
  );
}
