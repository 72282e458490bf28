import type { ReactNode } from 'react';
import type { Role } from '../../../common/roles.ts';
import { useCurrentUser } from '../auth/use-session.ts';
import { NotFoundPage } from '../shell/not-found-page.tsx';
import { hasAnyRole } from './access.ts';

/** Shows the page only to holders of one of the roles; others get the same "not found" as a wrong address. */
export function RequireRole({ roles, children }: { roles: readonly Role[]; children: ReactNode }) {
  const me = useCurrentUser();
  return hasAnyRole(me, roles) ? children : <NotFoundPage />;
}
