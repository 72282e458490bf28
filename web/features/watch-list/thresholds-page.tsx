import { Anchor, Select, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError, LoadingState } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useOrganisations } from '../organisations/use-organisations.ts';
import { ThresholdsForm } from './thresholds-form.tsx';
import { useThresholds } from './use-watch-list.ts';

/**
 * The flag thresholds: the national admin sets the nation's (the default) and any municipality's;
 * a municipal coordinator sets those of their municipality. Schools use their municipality's.
 */
export function ThresholdsPage() {
  const { t } = useTranslation();
  const organisations = useOrganisations();
  // The nation and the municipalities whose thresholds the server says the caller may set: the
  // nation first, then the municipalities in alphabetical order.
  const choices = (organisations.data ?? [])
    .filter((org) => (org.type === 'nation' || org.type === 'municipality') && org.can.manageThresholds)
    .sort((a, b) => (a.type === b.type ? a.name.localeCompare(b.name, 'lv') : a.type === 'nation' ? -1 : 1))
    .map((org) => ({ value: org.id, label: org.name }));
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
