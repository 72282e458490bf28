import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TLoginBody, TMe } from '../../../common/api/auth.ts';
import type { Language } from '../../../common/roles.ts';
import i18n, { storeLanguage } from '../../i18n/index.ts';
import { ApiError, api, refreshCsrfToken } from '../../lib/api.ts';
import { ME_KEY } from '../../lib/query-client.ts';

async function fetchMe(): Promise<TMe | null> {
  try {
    return await api.get<TMe>('/api/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

let signedOutDeliberately = false;

/** True after "Sign out" (as opposed to an expired session), so the sign-in page need not return anywhere. */
export function wasSignedOutDeliberately(): boolean {
  return signedOutDeliberately;
}

/** Switches the interface to a language and remembers it on this device. */
export function applyLanguage(language: Language): void {
  storeLanguage(language);
  if (i18n.language !== language) void i18n.changeLanguage(language);
}

/** The signed-in user, `null` when nobody is signed in, `undefined` while loading. */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: 5 * 60_000 });
}

/** Signs in; on success the session's user is cached and their language applied. */
export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TLoginBody) => api.post<{ user: TMe }>('/api/auth/login', body),
    onSuccess: async ({ user }) => {
      signedOutDeliberately = false;
      await refreshCsrfToken().catch(() => undefined);
      applyLanguage(user.language);
      client.setQueryData(ME_KEY, user);
    },
  });
}

/** Signs out and forgets every cached answer of the previous user. */
export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<unknown>('/api/auth/logout'),
    onSettled: async () => {
      signedOutDeliberately = true;
      client.setQueryData(ME_KEY, null);
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] });
      await refreshCsrfToken().catch(() => undefined);
    },
  });
}

/** Changes the interface language; for a signed-in user it is saved on the server as well. */
export function useChangeLanguage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (language: Language) => {
      const me = client.getQueryData<TMe | null>(ME_KEY);
      if (!me) return null;
      return api.patch<TMe>('/api/me', { language });
    },
    onMutate: (language) => applyLanguage(language),
    onSuccess: (me) => {
      if (me) client.setQueryData(ME_KEY, me);
    },
  });
}

/** The signed-in user inside the app shell, where the session guard has already ensured there is one. */
export function useCurrentUser(): TMe {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser used outside a signed-in page');
  return data;
}
