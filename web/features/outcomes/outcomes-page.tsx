import { Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { MAX_OUTCOME_ROWS } from '../../../common/api/outcomes.ts';
import { LoadError, LoadingState, StatusMessage } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useOrganisations } from '../organisations/use-organisations.ts';
import { OutcomeImport } from './outcome-import.tsx';
import { OutcomeTable } from './outcome-table.tsx';
import { useOutcomes } from './use-outcomes.ts';

/** "2025/26" for school year 2025. */
export const schoolYearLabel = (year: number) => `${year}/${String((year + 1) % 100).padStart(2, '0')}`;

/**
 * "Mācību gada iznākumi": a school's programme students of a school year, what became of each at
 * the year's end (entered one by one or imported from a file), and their unjustified lessons and
 * mark average before the first plan and after. A municipal coordinator picks one of the
 * municipality's schools.
 */
export function OutcomesPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const organisations = useOrganisations();
  const schools = (organisations.data ?? [])
    .filter((o) => o.type === 'school')
    .sort((a, b) => a.name.localeCompare(b.name, 'lv'));
  const schoolId = params.get('schoolId') ?? (schools.length === 1 ? schools[0].id : null);
  const yearParam = Number(params.get('schoolYear'));
  const outcomes = useOutcomes(schoolId, Number.isInteger(yearParam) && yearParam > 0 ? yearParam : null);
  const [message, setMessage] = useState<string | null>(null);
  const data = outcomes.data;
  const school = schools.find((s) => s.id === schoolId);
  const caption = data
    ? t('yearOutcomes.tableTitle', { school: school?.name ?? '', year: schoolYearLabel(data.schoolYear) })
    : '';

  const update = (key: 'schoolId' | 'schoolYear', value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'schoolYear' && schoolId) next.set('schoolId', schoolId);
    setParams(next, { replace: true });
    setMessage(null);
  };

  return (
    <Stack gap="lg">
      <div>
        <PageHeading>{t('yearOutcomes.title')}</PageHeading>
        <Text maw={800}>{t('yearOutcomes.intro')}</Text>
      </div>
      <SimpleGrid cols={{ base: 1, sm: 2 }} maw={860}>
        <Select
          label={t('yearOutcomes.school')}
          placeholder={t('yearOutcomes.schoolPlaceholder')}
          searchable
          data={schools.map((s) => ({ value: s.id, label: s.name }))}
          value={schoolId}
          onChange={(value) => update('schoolId', value)}
          nothingFoundMessage={t('yearOutcomes.noMatch')}
          disabled={organisations.isPending}
        />
        <Select
          label={t('yearOutcomes.schoolYear')}
          data={(data?.schoolYears ?? []).map((y) => ({ value: String(y), label: schoolYearLabel(y) }))}
          value={data ? String(data.schoolYear) : null}
          allowDeselect={false}
          onChange={(value) => update('schoolYear', value)}
          disabled={!data}
        />
      </SimpleGrid>
      <StatusMessage message={message} />
      {organisations.isPending ? (
        <LoadingState />
      ) : organisations.isError ? (
        <LoadError error={organisations.error} onRetry={() => void organisations.refetch()} />
      ) : !schoolId ? (
        <Text>{schools.length === 0 ? t('yearOutcomes.noSchools') : t('yearOutcomes.chooseSchool')}</Text>
      ) : outcomes.isPending ? (
        <LoadingState />
      ) : outcomes.isError || !data ? (
        <LoadError error={outcomes.error} onRetry={() => void outcomes.refetch()} />
      ) : (
        <Paper withBorder p="lg" component="section" aria-labelledby="outcome-table-title">
          <Title order={2} size="h3" id="outcome-table-title" mb="xs">
            {caption}
          </Title>
          <Text mb="md" data-testid="outcome-summary">
            {t('yearOutcomes.summary', { recorded: data.recorded, total: data.total, stayed: data.stayed })}
          </Text>
          <Text mb="md" size="sm" data-testid="outcome-others">
            {t('yearOutcomes.others', { count: data.others })}
          </Text>
          {data.can.record && (
            <OutcomeImport
              schoolId={data.schoolId}
              schoolYear={data.schoolYear}
              onStart={() => setMessage(null)}
            />
          )}
          {data.items.length === 0 ? (
            <Text mt="md">{t('yearOutcomes.empty')}</Text>
          ) : (
            <>
              <Text size="sm" mt="md" mb="xs">
                {t('yearOutcomes.beforeAfterHint')}
              </Text>
              <OutcomeTable
                rows={data.items}
                schoolYear={data.schoolYear}
                caption={caption}
                canRecord={data.can.record}
                onSaved={setMessage}
              />
              {data.total > data.items.length && (
                <Text size="sm">
                  {t('yearOutcomes.capped', { shown: MAX_OUTCOME_ROWS, total: data.total })}
                </Text>
              )}
            </>
          )}
        </Paper>
      )}
    </Stack>
  );
}
