import { Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LoadError, LoadingState } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useOrganisations } from '../organisations/use-organisations.ts';
import { currentMonth, monthLabel, monthOptions } from './month-options.ts';
import { TimesheetEntryForm } from './timesheet-entry-form.tsx';
import { TimesheetSignOff } from './timesheet-sign-off.tsx';
import { TimesheetEntries, TimesheetTable } from './timesheet-table.tsx';
import { useTimesheet } from './use-timesheets.ts';

/**
 * "Darba laika uzskaite": a school's month — confirmed consultation hours per provider, paid plan
 * preparation and supervision, adjustments — signed off by the coordinator and exported for payroll.
 */
export function TimesheetsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const organisations = useOrganisations();
  const schools = (organisations.data ?? [])
    .filter((o) => o.type === 'school')
    .sort((a, b) => a.name.localeCompare(b.name, 'lv'));
  const schoolId = params.get('schoolId') ?? (schools.length === 1 ? schools[0].id : null);
  const month = params.get('month') ?? currentMonth();
  const timesheet = useTimesheet(schoolId, month);
  const months = monthOptions(t);
  if (!months.some((m) => m.value === month)) months.push({ value: month, label: monthLabel(t, month) });

  const update = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'schoolId' && schoolId) next.set('schoolId', schoolId);
    setParams(next, { replace: true });
  };

  return (
    <Stack gap="lg">
      <PageHeading>{t('timesheets.title')}</PageHeading>
      <Text>{t('timesheets.intro')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} maw={720}>
        <Select
          label={t('timesheets.school')}
          placeholder={t('timesheets.schoolPlaceholder')}
          searchable
          data={schools.map((s) => ({ value: s.id, label: s.name }))}
          value={schoolId}
          onChange={(value) => update('schoolId', value)}
          nothingFoundMessage={t('timesheets.noSchools')}
        />
        <Select
          label={t('timesheets.month')}
          allowDeselect={false}
          data={months}
          value={month}
          onChange={(value) => update('month', value)}
        />
      </SimpleGrid>
      {organisations.isPending ? (
        <LoadingState />
      ) : !schoolId ? (
        <Text>{t('timesheets.chooseSchool')}</Text>
      ) : timesheet.isPending ? (
        <LoadingState />
      ) : timesheet.isError ? (
        <LoadError error={timesheet.error} onRetry={() => void timesheet.refetch()} />
      ) : (
        <>
          <Paper withBorder p="lg" component="section" aria-labelledby="timesheet-title">
            <Title order={2} size="h3" id="timesheet-title" mb="sm">
              {t('timesheets.tableTitle', { school: timesheet.data.schoolName, month: monthLabel(t, month) })}
            </Title>
            <TimesheetTable
              timesheet={timesheet.data}
              caption={t('timesheets.tableTitle', {
                school: timesheet.data.schoolName,
                month: monthLabel(t, month),
              })}
            />
            <Text size="sm" mt="sm">
              {t('timesheets.totalHint')}
            </Text>
          </Paper>
          <Paper withBorder p="lg" component="section" aria-labelledby="timesheet-signoff-title">
            <Title order={2} size="h3" id="timesheet-signoff-title" mb="sm">
              {t('timesheets.signOffTitle')}
            </Title>
            <TimesheetSignOff
              schoolId={schoolId}
              maySignOff={timesheet.data.can.signOff}
              month={month}
              timesheet={timesheet.data}
              manySchools={schools.length > 1}
            />
          </Paper>
          {/* What the caller may do in this month comes with the timesheet (`can`, from the server's gate). */}
          {(timesheet.data.can.enter || timesheet.data.can.adjust) && (
            <Paper withBorder p="lg" component="section" aria-labelledby="timesheet-entry-title">
              <Title order={2} size="h3" id="timesheet-entry-title" mb="sm">
                {timesheet.data.signedOff ? t('timesheets.adjustmentTitle') : t('timesheets.entryTitle')}
              </Title>
              <TimesheetEntryForm
                key={`${schoolId}-${month}`}
                schoolId={schoolId}
                month={month}
                timesheet={timesheet.data}
              />
            </Paper>
          )}
          <Paper withBorder p="lg" component="section" aria-labelledby="timesheet-entries-title">
            <Title order={2} size="h3" id="timesheet-entries-title" mb="sm">
              {t('timesheets.entriesTitle')}
            </Title>
            <TimesheetEntries timesheet={timesheet.data} />
          </Paper>
        </>
      )}
    </Stack>
  );
}
