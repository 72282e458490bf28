import { Button, Group, Modal, Stack, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TApplication } from '../../../common/api/students.ts';
import { formatDate } from '../../../common/format.ts';
import { DateField } from '../../components/date-field.tsx';
import { ErrorAlert } from '../../components/feedback.tsx';
import { type FieldErrors, fieldErrorsFrom } from '../../lib/form-errors.ts';
import { todayIso } from './student-labels.ts';
import { useWithdrawApplication } from './use-consent.ts';

type Props = { studentId: string; application: TApplication | null; onClose: (withdrawn: boolean) => void };

/** Asks for the date (not before the signing) and reason of a withdrawal; the application stays on record. */
export function ApplicationWithdrawModal({ studentId, application, onClose }: Props) {
  const { t } = useTranslation();
  const withdraw = useWithdrawApplication(studentId);
  const [withdrawnOn, setWithdrawnOn] = useState<string | null>(todayIso());
  const [reason, setReason] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...fieldErrorsFrom(withdraw.error), ...clientErrors };

  function close(withdrawn: boolean) {
    withdraw.reset();
    setClientErrors({});
    setReason('');
    onClose(withdrawn);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!application) return;
    const problems: FieldErrors = {};
    if (!withdrawnOn) problems.withdrawnOn = t('errors.required');
    else if (withdrawnOn < application.signedOn)
      problems.withdrawnOn = t('applications.withdrawBeforeSigning');
    setClientErrors(problems);
    if (Object.keys(problems).length > 0 || !withdrawnOn) return;
    withdraw.mutate(
      { applicationId: application.id, withdrawnOn, reason: reason.trim() || undefined },
      { onSuccess: () => close(true) },
    );
  }

  return (
    <Modal
      opened={application !== null}
      onClose={() => close(false)}
      title={application ? t('applications.withdrawTitle', { date: formatDate(application.signedOn) }) : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={withdraw.error} />
          <DateField
            label={t('applications.withdrawnOn')}
            required
            value={withdrawnOn}
            onChange={setWithdrawnOn}
            error={errors.withdrawnOn}
          />
          <Textarea
            label={t('applications.withdrawReason')}
            autosize
            minRows={2}
            maxLength={500}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={errors.reason}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => close(false)}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red.9" loading={withdraw.isPending}>
              {t('applications.withdrawSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
