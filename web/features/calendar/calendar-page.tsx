import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TSemester } from '../../../common/api/risks.ts';
import { DateField } from '../../components/date-field.tsx';
import { ErrorAlert, LoadError, LoadingState, StatusMessage } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { type FieldErrors, fieldErrorsFrom } from '../../lib/form-errors.ts';
import { useSemesters } from '../plans/use-plans.ts';
import { semesterLabel } from '../risks/risk-labels.ts';
import { useUpdateSemester } from './use-calendar.ts';

/**
 * The school-year calendar (national admin): the semesters of each school year and their dates.
 * The server creates the next school years ahead; the admin moves dates, and the server refuses
 * overlaps, dates outside the school year and dates that would leave records outside a semester.
 */
export function CalendarPage() {
  const { t } = useTranslation();
  const semesters = useSemesters();
  const [message, setMessage] = useState<string | null>(null);
  const years = [...new Set((semesters.data ?? []).map((s) => s.schoolYear))].sort((a, b) => b - a);

  return (
    <>
      <PageHeading>{t('schoolCalendar.title')}</PageHeading>
      <Text mb="md" maw={860}>
        {t('schoolCalendar.intro')}
      </Text>
      <StatusMessage message={message} />
      {semesters.isPending && <LoadingState />}
      {semesters.isError && <LoadError error={semesters.error} onRetry={() => void semesters.refetch()} />}
      <Stack gap="lg">
        {years.map((year) => (
          <Paper key={year} withBorder p="md" component="section" aria-labelledby={`school-year-${year}`}>
            <Title order={2} size="h3" id={`school-year-${year}`} mb="sm">
              {t('schoolCalendar.schoolYear', { from: year, to: year + 1 })}
            </Title>
            <Stack gap="md">
              {(semesters.data ?? [])
                .filter((s) => s.schoolYear === year)
                .sort((a, b) => a.number - b.number)
                .map((s) => (
                  <SemesterDates
                    key={`${s.id}:${s.startsOn}:${s.endsOn}`}
                    semester={s}
                    onSaved={setMessage}
                  />
                ))}
            </Stack>
          </Paper>
        ))}
      </Stack>
    </>
  );
}

function SemesterDates({ semester, onSaved }: { semester: TSemester; onSaved: (m: string | null) => void }) {
  const { t } = useTranslation();
  const update = useUpdateSemester();
  const [startsOn, setStartsOn] = useState<string | null>(semester.startsOn);
  const [endsOn, setEndsOn] = useState<string | null>(semester.endsOn);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...fieldErrorsFrom(update.error), ...clientErrors };
  const label = semesterLabel(t, semester);

  function save(event: FormEvent) {
    event.preventDefault();
    onSaved(null);
    const missing: FieldErrors = {};
    if (!startsOn) missing.startsOn = t('errors.required');
    if (!endsOn) missing.endsOn = t('errors.required');
    setClientErrors(missing);
    if (!startsOn || !endsOn) return;
    update.mutate(
      { id: semester.id, startsOn, endsOn },
      { onSuccess: () => onSaved(t('schoolCalendar.saved', { semester: label })) },
    );
  }

  return (
    <form onSubmit={save} aria-label={label} noValidate>
      <Group align="flex-end" gap="md" wrap="wrap">
        <Text fw={700} w={220} pb={8}>
          {t('schoolCalendar.semester', { number: semester.number })}{' '}
          {semester.current && (
            <Badge variant="light" ml={4}>
              {t('schoolCalendar.current')}
            </Badge>
          )}
        </Text>
        <DateField
          label={t('schoolCalendar.startsOn')}
          required
          value={startsOn}
          onChange={setStartsOn}
          error={errors.startsOn}
        />
        <DateField
          label={t('schoolCalendar.endsOn')}
          required
          value={endsOn}
          onChange={setEndsOn}
          error={errors.endsOn}
        />
        <Button
          type="submit"
          variant="default"
          loading={update.isPending}
          aria-label={t('schoolCalendar.saveOne', { semester: label })}
        >
          {t('schoolCalendar.save')}
        </Button>
      </Group>
      <ErrorAlert error={update.error} />
    </form>
  );
}
