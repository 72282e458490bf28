import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/page-heading.tsx';
import { useCurrentUser } from '../auth/use-session.ts';
import { SecondFactorSection } from './second-factor-section.tsx';
import { SessionsSection } from './sessions-section.tsx';

/** The signed-in user's own account: who they are signed in as, their second factor and sessions. */
export function AccountPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  return (
    <>
      <PageHeading>{t('account.title')}</PageHeading>
      <Text mb="lg">
        {t('account.signedInAs', { name: `${me.firstName} ${me.lastName}`, email: me.email })}
      </Text>
      <SecondFactorSection />
      <SessionsSection />
    </>
  );
}
