import { Alert, Button, Group, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../common/format.ts';
import { DateField } from '../../components/date-field.tsx';
import { ErrorAlert, StatusMessage } from '../../components/feedback.tsx';
import { todayIso } from '../students/student-labels.ts';
import { useRecordLegalDuty } from './use-indicators.ts';

type Props = {
  studentId: string;
  semesterId: string;
  duty: { crossedOn: string; informedOn: string | null };
  /** The student's `can.recordLegalDuty`, from the server's gate. */
  mayRecord: boolean;
};

/**
 * More than 20 unjustified lessons in a semester oblige the school to inform the municipality
 * (Cabinet Regulation No. 89). Shows whether that was done and lets the school record the date;
 * the server decides whether this user may.
 */
export function LegalDutyAlert({ studentId, semesterId, duty, mayRecord }: Props) {
  const { t } = useTranslation();
  const record = useRecordLegalDuty(studentId);
  const [informedOn, setInformedOn] = useState<string | null>(todayIso());
  const [missing, setMissing] = useState(false);
  const since = formatDate(duty.crossedOn);

  if (duty.informedOn) {
    return (
      <>
        <StatusMessage message={record.isSuccess ? t('indicators.legalDutySaved') : null} />
        <Text mb="lg">{t('indicators.legalDutyDone', { since, date: formatDate(duty.informedOn) })}</Text>
      </>
    );
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setMissing(!informedOn);
    if (informedOn) record.mutate({ semesterId, informedOn });
  }

  return (
    <Alert color="red.9" variant="outline" title={t('indicators.legalDutyTitle')} mb="lg">
      <Text mb="sm">{t('indicators.legalDutyText', { since })}</Text>
      {mayRecord && (
        <form onSubmit={submit} noValidate>
          <ErrorAlert error={record.error} />
          <Group align="flex-end">
            <DateField
              label={t('indicators.informedOn')}
              required
              maxDate={todayIso()}
              value={informedOn}
              onChange={setInformedOn}
              error={missing ? t('errors.required') : undefined}
            />
            <Button type="submit" loading={record.isPending}>
              {t('indicators.legalDutySubmit')}
            </Button>
          </Group>
        </form>
      )}
    </Alert>
  );
}
