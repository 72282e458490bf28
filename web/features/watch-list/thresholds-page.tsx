import { Anchor, Select, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NATIONAL_ADMIN_ROLES, THRESHOLD_ROLES } from '../../../common/roles.ts';
import { LoadError, LoadingState } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useCurrentUser } from '../auth/use-session.ts';
import { useOrganisations } from '../organisations/use-organisations.ts';
import { hasAnyRole } from './access.ts';
import { ThresholdsForm } from './thresholds-form.tsx';
import { useThresholds } from './use-watch-list.ts';

/**
 * The flag thresholds: the national admin sets the nation's (the default) and any municipality's;
 * a municipal coordinator sets those of their municipality. Schools use their municipality's.
 */
export function ThresholdsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const organisations = useOrganisations();
  const isNationalAdmin = hasAnyRole(me, NATIONAL_ADMIN_ROLES);
  const own = me.grants
    .filter((grant) => (THRESHOLD_ROLES as readonly string[]).includes(grant.role))
    .map((grant) => ({ value: grant.organisationId, label: grant.organisationName }));
  const municipalities = isNationalAdmin
    ? (organisations.data ?? [])
        .filter((org) => org.type === 'municipality' && !own.some((o) => o.value === org.id))
        .sort((a, b) => a.name.localeCompare(b.name, 'lv'))
        .map((org) => ({ value: org.id, label: org.name }))
    : [];
  const choices = [...own, ...municipalities];
  const [chosen, setChosen] = useState<string | null>(null);
  const orgId = chosen ?? choices[0]?.value ?? null;
  const thresholds = useThresholds(orgId);

  return (
    <>
      <Anchor component={Link} to="/watch-list" mb="sm" display="inline-block">
        {t('thresholds.back')}
      </Anchor>
      <PageHeading>{t('thresholds.title')}</PageHeading>
      <Text mb="md" maw={800}>
        {t('thresholds.intro')}
      </Text>
      {choices.length > 1 && (
        <Select
          label={t('thresholds.organisation')}
          searchable
          allowDeselect={false}
          maw={420}
          mb="lg"
          data={choices}
          value={orgId}
          onChange={setChosen}
          nothingFoundMessage={t('organisations.noMatch')}
        />
      )}
      {choices.length === 1 && (
        <Text mb="lg">
          <Text span fw={700}>
            {t('thresholds.organisation')}:
          </Text>{' '}
          {choices[0].label}
        </Text>
      )}
      {thresholds.isPending && orgId && <LoadingState />}
      {thresholds.isError && <LoadError error={thresholds.error} onRetry={() => void thresholds.refetch()} />}
      {thresholds.data && orgId && (
        <ThresholdsForm key={orgId} orgId={orgId} initial={thresholds.data} canEdit />
      )}
    </>
  );
}
