import { NavLink, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NavLink as RouterNavLink, useLocation } from 'react-router';
import type { TMe } from '../../../common/api/auth.ts';
import { budgetNavItems } from '../budgets/budget-labels.ts';
import { calendarNavItems } from '../calendar/calendar-routes.tsx';
import { jobNavItems } from '../jobs/job-routes.tsx';
import { letterNavItems } from '../letters/letter-routes.tsx';
import { outcomeNavItems } from '../outcomes/outcome-routes.tsx';
import { planNavItems } from '../plans/plan-routes.tsx';
import { privacyNavItems } from '../privacy/privacy-routes.tsx';
import { referralNavItems } from '../referrals/referral-routes.tsx';
import { reportNavItems } from '../reports/report-routes.tsx';
import { supportNavItems } from '../support/access.ts';
import { taskNavItems } from '../tasks/task-routes.tsx';
import { riskNavItems } from '../watch-list/access.ts';

type Item = { to: string; label: string; end?: boolean };

/** The sections the user may open, from the permissions the server sent with the user. */
export function navItems(me: TMe, t: (key: string) => string): Item[] {
  const items: Item[] = [{ to: '/', label: t('nav.home'), end: true }];
  items.push(...taskNavItems(me, t));
  if (me.can.viewStudents) items.push({ to: '/students', label: t('nav.students') });
  items.push(...riskNavItems(me, t));
  items.push(...planNavItems(me, t));
  items.push(...supportNavItems(me, t));
  items.push(...budgetNavItems(me, t));
  items.push(...outcomeNavItems(me, t));
  items.push(...calendarNavItems(me, t));
  items.push(...letterNavItems(me, t));
  items.push(...referralNavItems(me, t));
  items.push(...reportNavItems(me, t));
  if (me.can.manageOrganisations) items.push({ to: '/organisations', label: t('nav.organisations') });
  if (me.can.manageUsers) items.push({ to: '/users', label: t('nav.users') });
  if (me.can.viewAudit) items.push({ to: '/audit', label: t('nav.audit') });
  items.push(...privacyNavItems(me, t));
  items.push(...jobNavItems(me, t));
  return items;
}

/** The main navigation list; the current section is marked with aria-current and a bold label. */
export function NavLinks({ me, onNavigate }: { me: TMe; onNavigate: () => void }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <Stack gap={4}>
      {navItems(me, t).map((item) => {
        const active = item.end ? pathname === item.to : pathname.startsWith(item.to);
        return (
          <NavLink
            key={item.to}
            component={RouterNavLink}
            to={item.to}
            end={item.end}
            label={item.label}
            active={active}
            fw={active ? 700 : 400}
            onClick={onNavigate}
          />
        );
      })}
    </Stack>
  );
}
