import { Alert, Anchor, Box, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TPasswordResetCompleteBody } from '../../../common/api/account.ts';
import { MIN_PASSWORD_LENGTH } from '../../../common/roles.ts';
import { ErrorAlert } from '../../components/feedback.tsx';
import { NoteAlert } from '../../components/note-alert.tsx';
import { api } from '../../lib/api.ts';
import { PublicFrame } from './public-frame.tsx';

/**
 * The token of the e-mailed link, read once from the fragment (`#token=…`, never sent to a server or
 * in a Referer) and then removed from the address bar and the history entry.
 */
function takeTokenFromFragment(): string {
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  if (window.location.hash) window.history.replaceState(window.history.state, '', window.location.pathname);
  return token;
}

/** Sets a new password with the token from the e-mailed link. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [token] = useState(takeTokenFromFragment);
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [problem, setProblem] = useState<{ password?: string; repeat?: string }>({});
  const complete = useMutation({
    mutationFn: (body: TPasswordResetCompleteBody) =>
      api.post<{ ok: true }>('/api/auth/password-reset/complete', body),
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = {
      password:
        password.length < MIN_PASSWORD_LENGTH
          ? t('passwordReset.tooShort', { count: MIN_PASSWORD_LENGTH })
          : undefined,
      repeat: repeat !== password ? t('passwordReset.mismatch') : undefined,
    };
    setProblem(next);
    if (next.password || next.repeat || complete.isPending) return;
    complete.mutate({ token, password });
  }

  if (!token)
    return (
      <PublicFrame title={t('passwordReset.setTitle')}>
        <Alert color="red" role="alert" mb="md">
          {t('passwordReset.noToken')}
        </Alert>
        <Anchor component={Link} to="/forgot-password">
          {t('passwordReset.requestAgain')}
        </Anchor>
      </PublicFrame>
    );

  return (
    <PublicFrame title={t('passwordReset.setTitle')}>
      {complete.isSuccess ? (
        <>
          <Box role="status" mb="md">
            <NoteAlert color="teal" title={t('passwordReset.doneTitle')}>
              {t('passwordReset.done')}
            </NoteAlert>
          </Box>
          <Anchor component={Link} to="/login">
            {t('passwordReset.toSignIn')}
          </Anchor>
        </>
      ) : (
        <>
          <Text mb="lg">{t('passwordReset.setIntro', { count: MIN_PASSWORD_LENGTH })}</Text>
          <ErrorAlert error={complete.error} />
          <form onSubmit={submit} noValidate>
            <Stack>
              <PasswordInput
                label={t('passwordReset.newPassword')}
                name="new-password"
                autoComplete="new-password"
                required
                value={password}
                onChange={(event) => setPassword(event.currentTarget.value)}
                error={problem.password}
                visibilityToggleButtonProps={{ 'aria-label': t('auth.showPassword') }}
              />
              <PasswordInput
                label={t('passwordReset.repeatPassword')}
                name="repeat-password"
                autoComplete="new-password"
                required
                value={repeat}
                onChange={(event) => setRepeat(event.currentTarget.value)}
                error={problem.repeat}
                visibilityToggleButtonProps={{ 'aria-label': t('auth.showPassword') }}
              />
              <Button type="submit" loading={complete.isPending} fullWidth>
                {t('passwordReset.setSubmit')}
              </Button>
            </Stack>
          </form>
          <Anchor component={Link} to="/forgot-password" mt="md" display="inline-block">
            {t('passwordReset.requestAgain')}
          </Anchor>
        </>
      )}
    </PublicFrame>
  );
}
