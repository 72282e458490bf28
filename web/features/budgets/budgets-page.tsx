import { Anchor, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LoadError, LoadingState, StatusMessage } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useOrganisations } from '../organisations/use-organisations.ts';
import { defaultSemesterId, semesterLabel } from '../risks/risk-labels.ts';
import { SemesterSelect } from '../risks/semester-select.tsx';
import { useSemesters } from '../risks/use-risks.ts';
import { BudgetEditModal } from './budget-edit-modal.tsx';
import { BudgetTable } from './budget-table.tsx';
import { type TBudgetLine, useBudget } from './use-budgets.ts';

/**
 * "Atbalsta budžets": a school's semester allocation per line (consultation hours and each kind of
 * economic support), what was used and what is left. The municipality (or the national admin)
 * allocates; the school sees it.
 */
export function BudgetsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const organisations = useOrganisations();
  const semesters = useSemesters();
  const schools = (organisations.data ?? [])
    .filter((o) => o.type === 'school')
    .sort((a, b) => a.name.localeCompare(b.name, 'lv'));
  const schoolId = params.get('schoolId') ?? (schools.length === 1 ? schools[0].id : null);
  const semesterId = params.get('semesterId') ?? defaultSemesterId(semesters.data);
  const budget = useBudget(schoolId, semesterId);
  const [editing, setEditing] = useState<TBudgetLine | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const school = schools.find((s) => s.id === schoolId);
  const semester = semesters.data?.find((s) => s.id === semesterId);
  const tableTitle = t('budgets.tableTitle', {
    school: school?.name ?? '',
    semester: semester ? semesterLabel(t, semester) : '',
  });

  const update = (key: 'schoolId' | 'semesterId', value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'schoolId' && schoolId) next.set('schoolId', schoolId);
    if (key !== 'semesterId' && semesterId) next.set('semesterId', semesterId);
    setParams(next, { replace: true });
    setMessage(null);
  };

  return (
    <Stack gap="lg">
      <div>
        <PageHeading>{t('budgets.title')}</PageHeading>
        <Text maw={800}>{t('budgets.intro')}</Text>
        <Anchor component={Link} to="/budgets/caps" mt="xs" display="inline-block">
          {t('budgets.capsLink')}
        </Anchor>
      </div>
      <SimpleGrid cols={{ base: 1, sm: 2 }} maw={860}>
        <Select
          label={t('budgets.school')}
          placeholder={t('budgets.schoolPlaceholder')}
          searchable
          data={schools.map((s) => ({ value: s.id, label: s.name }))}
          value={schoolId}
          onChange={(value) => update('schoolId', value)}
          nothingFoundMessage={t('budgets.noMatch')}
          disabled={organisations.isPending}
        />
        <SemesterSelect value={semesterId} onChange={(value) => update('semesterId', value)} width={420} />
      </SimpleGrid>
      <StatusMessage message={message} />
      {organisations.isPending || semesters.isPending ? (
        <LoadingState />
      ) : organisations.isError ? (
        <LoadError error={organisations.error} onRetry={() => void organisations.refetch()} />
      ) : !schoolId ? (
        <Text>{schools.length === 0 ? t('budgets.noSchools') : t('budgets.chooseSchool')}</Text>
      ) : budget.isPending ? (
        <LoadingState />
      ) : budget.isError ? (
        <LoadError error={budget.error} onRetry={() => void budget.refetch()} />
      ) : (
        <Paper withBorder p="lg" component="section" aria-labelledby="budget-table-title">
          <Title order={2} size="h3" id="budget-table-title" mb="sm">
            {tableTitle}
          </Title>
          <BudgetTable
            lines={budget.data.lines}
            caption={tableTitle}
            onEdit={budget.data.canAllocate ? setEditing : undefined}
          />
          <Text size="sm" mt="sm">
            {budget.data.canAllocate ? t('budgets.hintAllocate') : t('budgets.hintView')}
          </Text>
        </Paper>
      )}
      {schoolId && semesterId && (
        <BudgetEditModal
          schoolId={schoolId}
          semesterId={semesterId}
          line={editing}
          onClose={() => setEditing(null)}
          onSaved={(text) => {
            setEditing(null);
            setMessage(text);
          }}
        />
      )}
    </Stack>
  );
}
