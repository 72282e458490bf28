import { lazy } from 'react';
import type { RouteObject } from 'react-router';
import type { TMe } from '../../../common/api/auth.ts';
import { RequirePermission } from '../shell/session-guards.tsx';

const LetterTemplatesPage = lazy(() =>
  import('./letter-templates-page.tsx').then((m) => ({ default: m.LetterTemplatesPage })),
);

/** The letter templates page (its own chunk), for those who edit them (the server's letters.templates_manage). */
export const letterRoutes: RouteObject[] = [
  {
    path: 'letter-templates',
    element: (
      <RequirePermission permission="manageLetterTemplates">
        <LetterTemplatesPage />
      </RequirePermission>
    ),
  },
];

/** The templates' entry in the main navigation. */
export function letterNavItems(me: TMe, t: (key: string) => string): { to: string; label: string }[] {
  return me.can.manageLetterTemplates ? [{ to: '/letter-templates', label: t('letterTemplates.nav') }] : [];
}
