import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import type { TMe } from '../../common/api/auth.ts';
import { ApiError } from './api.ts';

/** The cache key of the signed-in user; `null` in the cache means "not signed in". */
export const ME_KEY = ['me'] as const;

function signOutOnExpiredSession(error: unknown): void {
  // Any 401 means the session is gone (expired, revoked): drop the user so the sign-in page shows.
  if (error instanceof ApiError && error.status === 401) {
    if (queryClient.getQueryData<TMe | null>(ME_KEY)) queryClient.setQueryData(ME_KEY, null);
  }
}

/** The one query client of the app. */
export const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: signOutOnExpiredSession }),
  mutationCache: new MutationCache({ onError: signOutOnExpiredSession }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // Client errors will not go away by asking again; network and server errors might.
      retry: (count, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
    },
  },
});
