import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import type { TMe } from '../../../common/api/auth.ts';
import { RequirePermission } from '../shell/session-guards.tsx';

const PartnerReferralsPage = lazy(() =>
  import('./partner-referrals-page.tsx').then((m) => ({ default: m.PartnerReferralsPage })),
);
const PartnerReferralPage = lazy(() =>
  import('./partner-referral-page.tsx').then((m) => ({ default: m.PartnerReferralPage })),
);

/** The partner institution's pages: its referrals and one referral (the server's referral.inbox). */
export const referralRoutes: RouteObject[] = [
  {
    path: 'referrals',
    element: (
      <RequirePermission permission="viewPartnerReferrals">
        <PartnerReferralsPage />
      </RequirePermission>
    ),
  },
  {
    path: 'referrals/:id',
    element: (
      <RequirePermission permission="viewPartnerReferrals">
        <PartnerReferralPage />
      </RequirePermission>
    ),
  },
];

/** The partner's entry in the main navigation. */
export function referralNavItems(me: TMe, t: (key: string) => string): { to: string; label: string }[] {
  return me.can.viewPartnerReferrals ? [{ to: '/referrals', label: t('referrals.nav') }] : [];
}
