import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/feedback.tsx';
import { fieldErrorsFrom } from '../../lib/form-errors.ts';
import { useConfirmInPerson } from './use-support.ts';

type Props = {
  sessionId: string;
  studentId: string;
  studentName: string;
  confirmed: boolean;
  onConfirmed?: () => void;
};

/** "✓ apstiprināts", in words as well as the sign, so the state never rests on colour. */
export function ConfirmedMark() {
  const { t } = useTranslation();
  return (
    <Text fw={700} c="teal.9">
      <span aria-hidden="true">✓ </span>
      {t('support.confirmation.confirmed')}
    </Text>
  );
}

/** One student's PIN entry on the provider's device, right after an in-person session. */
export function ParticipantPin({ sessionId, studentId, studentName, confirmed, onConfirmed }: Props) {
  const { t } = useTranslation();
  const confirm = useConfirmInPerson(sessionId);
  const [pin, setPin] = useState('');
  const [formatError, setFormatError] = useState(false);
  const done = confirmed || confirm.isSuccess;

  function submit(event: FormEvent) {
    event.preventDefault();
    const ok = /^\d{4,6}$/.test(pin);
    setFormatError(!ok);
    if (!ok) return;
    confirm.mutate(
      { studentId, pin },
      {
        onSuccess: () => onConfirmed?.(),
        onSettled: () => setPin(''),
      },
    );
  }

  const serverError = confirm.error
    ? (fieldErrorsFrom(confirm.error).pin ?? errorMessage(confirm.error, t('errors.unexpected')))
    : undefined;

  if (done) {
    return (
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text fw={600}>{studentName}</Text>
        <ConfirmedMark />
      </Group>
    );
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="xs" align="flex-start">
        <TextInput
          label={t('support.pinFor', { name: studentName })}
          description={t('support.pinHint')}
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={6}
          value={pin}
          onChange={(event) => setPin(event.currentTarget.value.replace(/\D/g, ''))}
          error={formatError ? t('support.pinFormat') : serverError}
          w="100%"
          maw={360}
        />
        <Button
          type="submit"
          loading={confirm.isPending}
          aria-label={`${t('support.confirmButton')}: ${studentName}`}
        >
          {t('support.confirmButton')}
        </Button>
      </Stack>
    </form>
  );
}
