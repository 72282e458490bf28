import { Anchor, Box, Button, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TPasswordResetRequestBody } from '../../../common/api/account.ts';
import { ErrorAlert } from '../../components/feedback.tsx';
import { NoteAlert } from '../../components/note-alert.tsx';
import { api } from '../../lib/api.ts';
import { EmailInput } from './email-input.tsx';
import { PublicFrame } from './public-frame.tsx';

/** "Forgot password": asks for the e-mail; the answer is the same whether or not an account has it. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [missing, setMissing] = useState(false);
  const request = useMutation({
    mutationFn: (body: TPasswordResetRequestBody) => api.post<{ ok: true }>('/api/auth/password-reset', body),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setMissing(!email.trim());
    if (!email.trim() || request.isPending) return;
    request.mutate({ email: email.trim() });
  }

  return (
    <PublicFrame title={t('passwordReset.requestTitle')}>
      {request.isSuccess ? (
        <Box role="status" mb="md">
          <NoteAlert color="teal" title={t('passwordReset.sentTitle')}>
            {t('passwordReset.sent')}
          </NoteAlert>
        </Box>
      ) : (
        <>
          <Text mb="lg">{t('passwordReset.requestIntro')}</Text>
          <ErrorAlert error={request.error} />
          <form onSubmit={submit} noValidate>
            <Stack>
              <EmailInput value={email} onChange={setEmail} missing={missing} />
              <Button type="submit" loading={request.isPending} fullWidth>
                {t('passwordReset.requestSubmit')}
              </Button>
            </Stack>
          </form>
        </>
      )}
      <Anchor component={Link} to="/login" mt="md" display="inline-block">
        {t('passwordReset.backToSignIn')}
      </Anchor>
    </PublicFrame>
  );
}
