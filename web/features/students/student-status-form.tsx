import { Button, Group, Paper, Select, SimpleGrid, Stack, Textarea, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STUDENT_STATUSES, type TStudentDetail } from '../../../common/api/students.ts';
import { DateField } from '../../components/date-field.tsx';
import { ErrorAlert, StatusMessage } from '../../components/feedback.tsx';
import { type FieldErrors, fieldErrorsFrom } from '../../lib/form-errors.ts';
import { todayIso } from './student-labels.ts';
import { useUpdateStudent } from './use-students.ts';

type Status = TStudentDetail['status'];

/**
 * Changes the status (graduated, left, moved, back to enrolled). Any status but "enrolled" needs the
 * date it took effect; the reason is optional. Moving to another school has its own form.
 */
export function StudentStatusForm({ student }: { student: TStudentDetail }) {
  const { t } = useTranslation();
  const update = useUpdateStudent(student.id);
  const [status, setStatus] = useState<Status>(student.status);
  const [date, setDate] = useState<string | null>(student.statusDate ?? todayIso());
  const [reason, setReason] = useState(student.statusReason ?? '');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const errors = { ...fieldErrorsFrom(update.error), ...clientErrors };
  const needsDate = status !== 'enrolled';

  function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const problems: FieldErrors = {};
    if (needsDate && !date) problems.statusDate = t('errors.required');
    setClientErrors(problems);
    if (Object.keys(problems).length > 0) return;
    update.mutate(
      needsDate
        ? { status, statusDate: date ?? undefined, ...(reason.trim() ? { statusReason: reason.trim() } : {}) }
        : { status },
      { onSuccess: () => setMessage(t('students.statusSaved')) },
    );
  }

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="student-status-title">
      <Title order={2} size="h3" id="student-status-title" mb="md">
        {t('students.statusTitle')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack maw={760}>
          <StatusMessage message={message} />
          <ErrorAlert error={update.error} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('students.status')}
              required
              allowDeselect={false}
              data={STUDENT_STATUSES.map((value) => ({ value, label: t(`studentStatuses.${value}`) }))}
              value={status}
              onChange={(value) => value && setStatus(value as Status)}
              error={errors.status}
            />
            {needsDate && (
              <DateField
                label={t('students.statusDate')}
                required
                value={date}
                onChange={setDate}
                error={errors.statusDate}
              />
            )}
          </SimpleGrid>
          {needsDate && (
            <Textarea
              label={t('students.statusReason')}
              autosize
              minRows={2}
              maxLength={500}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              error={errors.statusReason}
            />
          )}
          <Group>
            <Button type="submit" loading={update.isPending}>
              {t('students.statusSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
