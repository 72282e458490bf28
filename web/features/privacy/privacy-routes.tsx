import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import type { TMe } from '../../../common/api/auth.ts';
import { RequirePermission } from '../shell/session-guards.tsx';

const PrivacyPage = lazy(() => import('./privacy-page.tsx').then((m) => ({ default: m.PrivacyPage })));

/** The privacy page (its own chunk): the server's privacy.ropa or privacy.erasure_log somewhere. */
export const privacyRoutes: RouteObject[] = [
  {
    path: 'privacy',
    element: (
      <RequirePermission permission="viewPrivacy">
        <PrivacyPage />
      </RequirePermission>
    ),
  },
];

/** The privacy page's entry in the main navigation. */
export function privacyNavItems(me: TMe, t: (key: string) => string): { to: string; label: string }[] {
  return me.can.viewPrivacy ? [{ to: '/privacy', label: t('privacy.nav') }] : [];
}
