import { Button, Group, Paper, Select, SimpleGrid, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TAuditEvent } from '../../../common/api/audit.ts';
import { DateField } from '../../components/date-field.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { actionOptions, entityTypeOptions } from './audit-options.ts';
import type { AuditFilters } from './use-audit.ts';

const OUTCOMES: TAuditEvent['outcome'][] = ['ok', 'denied', 'failed'];

/** Filters in words (actions and record types by their labels) that apply on "Show". */
export function AuditFilterForm({
  value,
  onApply,
}: {
  value: AuditFilters;
  onApply: (filters: AuditFilters) => void;
}) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<AuditFilters>(value);
  const [rangeError, setRangeError] = useState<string | undefined>();
  const language = currentLanguage();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (draft.from && draft.to && draft.from > draft.to) {
      setRangeError(t('audit.rangeError'));
      return;
    }
    setRangeError(undefined);
    onApply(draft);
  }

  function clear() {
    const empty: AuditFilters = { action: null, entityType: null, outcome: null, from: null, to: null };
    setDraft(empty);
    setRangeError(undefined);
    onApply(empty);
  }

  return (
    <Paper withBorder p="md" mb="lg" component="section" aria-labelledby="audit-filters-title">
      <Title order={2} size="h4" id="audit-filters-title" mb="sm">
        {t('audit.filters')}
      </Title>
      <form onSubmit={submit} noValidate>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>
          <Select
            label={t('audit.action')}
            placeholder={t('common.any')}
            searchable
            clearable
            clearButtonProps={{ 'aria-label': t('common.clear') }}
            nothingFoundMessage={t('audit.empty')}
            data={actionOptions(language)}
            value={draft.action}
            onChange={(action) => setDraft((current) => ({ ...current, action }))}
          />
          <Select
            label={t('audit.entityType')}
            placeholder={t('common.any')}
            searchable
            clearable
            clearButtonProps={{ 'aria-label': t('common.clear') }}
            data={entityTypeOptions(language)}
            value={draft.entityType}
            onChange={(entityType) => setDraft((current) => ({ ...current, entityType }))}
          />
          <Select
            label={t('audit.outcome')}
            placeholder={t('common.any')}
            clearable
            clearButtonProps={{ 'aria-label': t('common.clear') }}
            data={OUTCOMES.map((outcome) => ({ value: outcome, label: t(`outcomes.${outcome}`) }))}
            value={draft.outcome}
            onChange={(outcome) =>
              setDraft((current) => ({ ...current, outcome: outcome as AuditFilters['outcome'] }))
            }
          />
          <DateField
            label={t('audit.from')}
            value={draft.from}
            onChange={(from) => setDraft((current) => ({ ...current, from }))}
          />
          <DateField
            label={t('audit.to')}
            value={draft.to}
            error={rangeError}
            onChange={(to) => setDraft((current) => ({ ...current, to }))}
          />
        </SimpleGrid>
        <Group mt="md">
          <Button type="submit">{t('audit.apply')}</Button>
          <Button variant="default" onClick={clear}>
            {t('audit.clear')}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}
