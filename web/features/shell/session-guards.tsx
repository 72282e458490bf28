import { Box } from '@mantine/core';
import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { Navigate, useLocation, useSearchParams } from 'react-router';
import type { TMe } from '../../../common/api/auth.ts';
import { LoadError, LoadingState } from '../../components/feedback.tsx';
import { applyLanguage, useCurrentUser, useMe, wasSignedOutDeliberately } from '../auth/use-session.ts';
import { SecondFactorPage } from '../second-factor/second-factor-page.tsx';
import { StepUpDialog } from '../second-factor/step-up-dialog.tsx';
import { AppLayout } from './app-layout.tsx';
import { NotFoundPage } from './not-found-page.tsx';

/** Shown while the session is checked, or when the server cannot be reached; still one `<main>`. */
function SessionPending({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return (
    <Box component="main" p="lg">
      {error ? <LoadError error={error} onRetry={onRetry} /> : <LoadingState />}
    </Box>
  );
}

/** Only a safe in-app path may be the target after sign-in (never another site). */
export function safeNextPath(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

/** The signed-in part of the app: sends visitors to the sign-in page, keeps the user's language. */
export function SignedInArea() {
  const me = useMe();
  const location = useLocation();
  const language = me.data?.language;

  useEffect(() => {
    if (language) applyLanguage(language);
  }, [language]);

  if (me.data === undefined) return <SessionPending error={me.error} onRetry={() => void me.refetch()} />;
  if (me.data === null) {
    const next = `${location.pathname}${location.search}`;
    const target =
      next === '/' || wasSignedOutDeliberately() ? '/login' : `/login?next=${encodeURIComponent(next)}`;
    return <Navigate to={target} replace />;
  }
  // Issue 16: a session that owes its second factor sees only the code (or enrolment) page.
  if (me.data.secondFactor.pending) return <SecondFactorPage me={me.data} />;
  return (
    <>
      <AppLayout me={me.data} />
      <StepUpDialog />
    </>
  );
}

/** The sign-in route: a signed-in user goes straight on to where they were heading. */
export function SignedOutArea({ children }: { children: ReactNode }) {
  const me = useMe();
  const [params] = useSearchParams();
  if (me.data === undefined) return <SessionPending error={me.error} onRetry={() => void me.refetch()} />;
  if (me.data) return <Navigate to={safeNextPath(params.get('next'))} replace />;
  return children;
}

/** What the signed-in user may open: the navigation abilities the server sent with the user. */
export type Ability = keyof TMe['can'];

/**
 * Shows the page only with the given ability (from /api/me's `can`, computed by the server's gate);
 * otherwise the same "not found" as a wrong address.
 */
export function RequirePermission({ permission, children }: { permission: Ability; children: ReactNode }) {
  const me = useCurrentUser();
  return me.can[permission] ? children : <NotFoundPage />;
}

/** `children` with the first ability, `fallback` with only the second, the not-found page with neither. */
export function RequireEither({
  first,
  second,
  fallback,
  children,
}: {
  first: Ability;
  second: Ability;
  fallback: ReactNode;
  children: ReactNode;
}) {
  const me = useCurrentUser();
  if (me.can[first]) return children;
  return me.can[second] ? fallback : <NotFoundPage />;
}
