import { Button, Code, Image, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, LoadError, LoadingState } from '../../components/feedback.tsx';
import { CodeInput } from './code-input.tsx';
import { RecoveryCodes } from './recovery-codes.tsx';
import { useConfirmEnrolment, useEnrolment } from './use-second-factor.ts';

/** The secret in groups of four, for typing into an app by hand. */
export function groupSecret(secret: string): string {
  return secret.match(/.{1,4}/g)?.join(' ') ?? secret;
}

/** Enrolment: the QR code and secret, the first code to confirm, then the recovery codes once. */
export function EnrolPanel({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const enrolment = useEnrolment(true);
  const confirm = useConfirmEnrolment();
  const [code, setCode] = useState('');
  const [missing, setMissing] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    setMissing(!code.trim());
    if (code.trim()) confirm.mutate(code.trim());
  }

  if (confirm.data)
    return (
      <Stack>
        <RecoveryCodes codes={confirm.data.recoveryCodes} />
        <Button onClick={onDone}>{t('secondFactor.continue')}</Button>
      </Stack>
    );
  if (enrolment.error) return <LoadError error={enrolment.error} onRetry={() => void enrolment.refetch()} />;
  if (!enrolment.data) return <LoadingState />;
  const qr = `data:image/svg+xml;utf8,${encodeURIComponent(enrolment.data.qrSvg)}`;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text>{t('secondFactor.enrolScan')}</Text>
        <Image src={qr} alt={t('secondFactor.qrAlt')} w={200} h={200} />
        <Text>{t('secondFactor.enrolManual')}</Text>
        <Code fz="lg" data-testid="totp-secret">
          {groupSecret(enrolment.data.secret)}
        </Code>
        <CodeInput
          value={code}
          onChange={setCode}
          error={
            missing
              ? t('errors.required')
              : confirm.error
                ? errorMessage(confirm.error, t('errors.unexpected'))
                : null
          }
        />
        <Button type="submit" loading={confirm.isPending}>
          {t('secondFactor.confirm')}
        </Button>
      </Stack>
    </form>
  );
}
