import { Alert, Anchor, Button, PasswordInput, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../components/feedback.tsx';
import { EmailInput } from './email-input.tsx';
import { PublicFrame } from './public-frame.tsx';
import { useLogin } from './use-session.ts';

/** The sign-in page: e-mail and password, with the language switch available before sign-in. */
export function LoginPage() {
  const { t } = useTranslation();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email?: boolean; password?: boolean }>({});

  function submit(event: FormEvent) {
    event.preventDefault();
    const nextMissing = { email: !email.trim(), password: !password };
    setMissing(nextMissing);
    if (nextMissing.email || nextMissing.password) return;
    // The page itself redirects once the user is in the cache (see SignedOutArea).
    login.mutate({ email: email.trim(), password });
  }

  return (
    <PublicFrame title={t('auth.title')}>
      <Text mb="lg">{t('auth.intro')}</Text>
      {login.error && (
        <Alert color="red" role="alert" title={t('auth.failed')} mb="md">
          {errorMessage(login.error, t('errors.unexpected'))}
        </Alert>
      )}
      <form onSubmit={submit} noValidate>
        <Stack>
          <EmailInput value={email} onChange={setEmail} missing={missing.email === true} />
          <PasswordInput
            label={t('auth.password')}
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={missing.password ? t('errors.required') : undefined}
            visibilityToggleButtonProps={{ 'aria-label': t('auth.showPassword') }}
          />
          <Button type="submit" loading={login.isPending} fullWidth>
            {t('auth.submit')}
          </Button>
        </Stack>
      </form>
      <Anchor component={Link} to="/forgot-password" mt="md" display="inline-block">
        {t('passwordReset.forgot')}
      </Anchor>
    </PublicFrame>
  );
}
