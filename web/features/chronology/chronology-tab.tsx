import { Anchor, Button, Checkbox, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CHRONOLOGY_TYPES, type ChronologyType } from '../../../common/api/chronology.ts';
import { DateField } from '../../components/date-field.tsx';
import { LoadError, LoadingState } from '../../components/feedback.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { ChronologyEntryItem } from './chronology-entry.tsx';
import { type ChronologyFilter, filterQuery, useChronology } from './use-chronology.ts';

/**
 * The "Chronology" tab of a student: everything about the student on one timeline, newest first,
 * filtered by type and dates, with older entries a page at a time and the PDF for a case conference.
 * The filter offers the types that have entries for this reader (and any already chosen).
 */
export function ChronologyTab({ studentId }: { studentId: string }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<ChronologyFilter>({ types: [], from: null, to: null });
  const [pdfLanguage, setPdfLanguage] = useState<'lv' | 'en'>(currentLanguage());
  const chronology = useChronology(studentId, filter);
  const first = chronology.data?.pages[0];
  const offered = CHRONOLOGY_TYPES.filter(
    (type) => first?.typesWithEntries.includes(type) || filter.types.includes(type),
  );
  const items = chronology.data?.pages.flatMap((p) => p.items) ?? [];
  const pdfQuery = filterQuery(filter);
  pdfQuery.set('language', pdfLanguage);
  const pdfUrl = `/api/students/${encodeURIComponent(studentId)}/chronology.pdf?${pdfQuery}`;
  const filtered = filter.types.length > 0 || filter.from !== null || filter.to !== null;

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="chronology-title">
      <Title order={2} size="h3" id="chronology-title" mb="xs">
        {t('chronology.title')}
      </Title>
      <Text mb="md">{t('chronology.intro')}</Text>
      <Stack gap="md" mb="lg">
        {offered.length > 0 && (
          <Checkbox.Group
            label={t('chronology.filter')}
            value={filter.types}
            onChange={(v) => setFilter({ ...filter, types: v as ChronologyType[] })}
          >
            <Group gap="md" mt="xs">
              {offered.map((type) => (
                <Checkbox key={type} value={type} label={t(`chronology.typesPlural.${type}`)} />
              ))}
            </Group>
          </Checkbox.Group>
        )}
        <Group align="flex-end" gap="md">
          <DateField
            label={t('chronology.from')}
            value={filter.from}
            onChange={(from) => setFilter({ ...filter, from })}
          />
          <DateField
            label={t('chronology.to')}
            value={filter.to}
            onChange={(to) => setFilter({ ...filter, to })}
          />
          {filtered && (
            <Button variant="default" onClick={() => setFilter({ types: [], from: null, to: null })}>
              {t('chronology.clear')}
            </Button>
          )}
        </Group>
        <Group align="flex-end" gap="md">
          <Select
            label={t('chronology.pdfLanguage')}
            data={[
              { value: 'lv', label: 'Latviešu' },
              { value: 'en', label: 'English' },
            ]}
            value={pdfLanguage}
            onChange={(v) => v && setPdfLanguage(v as 'lv' | 'en')}
            allowDeselect={false}
            w={160}
          />
          <Button component="a" href={pdfUrl} download variant="outline">
            {t('chronology.download')}
          </Button>
        </Group>
      </Stack>
      {chronology.isPending && <LoadingState />}
      {chronology.isError && <LoadError error={chronology.error} onRetry={() => void chronology.refetch()} />}
      {chronology.data && items.length === 0 && (
        <Text>{filtered ? t('chronology.noneFiltered') : t('chronology.none')}</Text>
      )}
      {items.length > 0 && (
        <Stack
          component="ol"
          gap="md"
          aria-label={t('chronology.listLabel')}
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
        >
          {items.map((entry) => (
            <li
              key={entry.id}
              style={{ borderLeft: '3px solid var(--mantine-color-gray-4)', paddingLeft: 12 }}
            >
              <ChronologyEntryItem entry={entry} studentId={studentId} />
            </li>
          ))}
        </Stack>
      )}
      {chronology.hasNextPage && (
        <Group mt="md">
          <Button
            variant="default"
            loading={chronology.isFetchingNextPage}
            onClick={() => void chronology.fetchNextPage()}
          >
            {t('chronology.more')}
          </Button>
        </Group>
      )}
      {chronology.isFetchNextPageError && (
        <Anchor component="button" onClick={() => void chronology.fetchNextPage()}>
          {t('chronology.more')}
        </Anchor>
      )}
    </Paper>
  );
}
