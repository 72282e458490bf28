import { Anchor, AppShell, Box, Burger, Button, Group, Text, VisuallyHidden } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import type { TMe } from '../../../common/api/auth.ts';
import { LoadingState } from '../../components/feedback.tsx';
import { useLogout } from '../auth/use-session.ts';
import { NotificationBell } from '../plans/notification-bell.tsx';
import { LanguageSwitch } from './language-switch.tsx';
import { NavLinks } from './nav-links.tsx';

const MAIN_ID = 'main-content';

/** The frame of every signed-in page: header, role-based navigation and the one `<main>`. */
export function AppLayout({ me }: { me: TMe }) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const logout = useLogout();

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <a className="skip-link" href={`#${MAIN_ID}`}>
        {t('nav.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={t('nav.toggle')}
              aria-expanded={opened}
              aria-controls="main-navigation"
            />
            <Text fw={700} size="lg" component="span">
              {t('app.name')}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Anchor component={Link} to="/account" visibleFrom="sm" c="dark">
              <VisuallyHidden>{t('header.signedInAs')}: </VisuallyHidden>
              {me.firstName} {me.lastName}
              <VisuallyHidden> ({t('account.link')})</VisuallyHidden>
            </Anchor>
            <NotificationBell />
            <Box visibleFrom="sm">
              <LanguageSwitch />
            </Box>
            <Button variant="default" onClick={() => logout.mutate()} loading={logout.isPending}>
              {t('header.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" id="main-navigation" aria-label={t('nav.label')}>
        <NavLinks me={me} onNavigate={close} />
        {/* On a phone the header has room only for the menu, the bell and "Iziet": the language switch lives in the menu. */}
        <Box hiddenFrom="sm" mt="md">
          <LanguageSwitch />
        </Box>
      </AppShell.Navbar>
      <AppShell.Main id={MAIN_ID} tabIndex={-1}>
        <Suspense fallback={<LoadingState />}>
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
