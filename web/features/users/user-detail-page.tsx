import { Anchor, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { formatDate } from '../../../common/format.ts';
import { ActiveStatus } from '../../components/active-status.tsx';
import { LoadError, LoadingState, StatusMessage } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { ApiError } from '../../lib/api.ts';
import { NotFoundPage } from '../shell/not-found-page.tsx';
import { useUser } from './use-users.ts';
import { UserAccessSection } from './user-access-section.tsx';
import { UserGrants } from './user-grants.tsx';
import { UserProfileForm } from './user-profile-form.tsx';
import { UserSecondFactorSection } from './user-second-factor-section.tsx';

/** One user: details, access (active flag, password) and role grants, each section saved on its own. */
export function UserDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const user = useUser(id);
  const justCreated = (location.state as { created?: boolean } | null)?.created === true;

  if (user.isPending) return <LoadingState />;
  if (user.isError) {
    // Another scope's user is a 404 on the server; show the same page as a wrong address.
    if (user.error instanceof ApiError && user.error.status === 404) return <NotFoundPage />;
    return <LoadError error={user.error} onRetry={() => void user.refetch()} />;
  }
  const data = user.data;

  return (
    <>
      <Anchor component={Link} to="/users" mb="sm" display="inline-block">
        {t('users.backToList')}
      </Anchor>
      <PageHeading>{`${data.firstName} ${data.lastName}`}</PageHeading>
      <StatusMessage message={justCreated ? t('users.created') : null} />
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} mb="xl" component="dl">
        <Fact label={t('users.email')} value={data.email} />
        <Fact label={t('users.homeOrganisation')} value={data.homeOrganisationName} />
        <Fact label={t('users.createdAt')} value={formatDate(data.createdAt)} />
        <div>
          <Text component="dt" fw={700}>
            {t('users.status')}
          </Text>
          <Text component="dd" m={0}>
            <ActiveStatus active={data.active} />
          </Text>
        </div>
        <Fact
          label={t('users.secondFactor')}
          value={data.secondFactorEnabled ? t('users.secondFactorOn') : t('users.secondFactorOff')}
        />
      </SimpleGrid>
      <Stack gap="xl">
        {/* The forms only where the server's gate lets the caller change the account (`can.edit`). */}
        {data.can.edit && <UserProfileForm user={data} />}
        {data.can.edit && <UserAccessSection user={data} />}
        {data.can.resetSecondFactor && <UserSecondFactorSection user={data} />}
        <UserGrants user={data} />
      </Stack>
    </>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text component="dt" fw={700}>
        {label}
      </Text>
      {/* A long e-mail address breaks inside its column instead of running into the next one. */}
      <Text component="dd" m={0} style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    </div>
  );
}
