import { Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, StatusMessage } from '../../components/feedback.tsx';
import { useSetStudentPin } from './use-support.ts';

/**
 * "Apstiprināšanas PIN": the school coordinator or director gives the student a new 4–6 digit PIN to
 * confirm sessions with (also after 5 wrong tries lock it). The PIN is never shown again. Shown when
 * the student's `can.setPin` allows.
 */
export function StudentPinForm({ studentId, maySet }: { studentId: string; maySet: boolean }) {
  return maySet ? <PinForm studentId={studentId} /> : null;
}

function PinForm({ studentId }: { studentId: string }) {
  const { t } = useTranslation();
  const setPin = useSetStudentPin(studentId);
  const [pin, setPinValue] = useState('');
  const [invalid, setInvalid] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    const ok = /^\d{4,6}$/.test(pin);
    setInvalid(!ok);
    if (ok) setPin.mutate(pin, { onSuccess: () => setPinValue('') });
  }

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="student-pin-title">
      <Title order={2} size="h3" id="student-pin-title" mb="xs">
        {t('confirm.pinTitle')}
      </Title>
      <Text mb="md">{t('confirm.pinIntro')}</Text>
      <StatusMessage message={setPin.isSuccess ? t('confirm.pinSaved') : null} />
      <ErrorAlert error={setPin.error} />
      <form onSubmit={submit} noValidate>
        <Stack gap="sm" align="flex-start">
          <TextInput
            label={t('confirm.newPin')}
            description={t('confirm.newPinHint')}
            type="password"
            inputMode="numeric"
            autoComplete="new-password"
            maxLength={6}
            required
            value={pin}
            onChange={(event) => {
              setPinValue(event.currentTarget.value.replace(/\D/g, ''));
              if (setPin.isSuccess) setPin.reset();
            }}
            error={invalid ? t('support.pinFormat') : undefined}
            w="100%"
            maw={320}
          />
          <Button type="submit" loading={setPin.isPending}>
            {t('confirm.savePin')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
