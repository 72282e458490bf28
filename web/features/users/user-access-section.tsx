import { Button, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TUserDetail } from '../../../common/api/users.ts';
import { MIN_PASSWORD_LENGTH } from '../../../common/roles.ts';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { ErrorAlert, StatusMessage } from '../../components/feedback.tsx';
import { fieldErrorsFrom } from '../../lib/form-errors.ts';
import { useUpdateUser } from './use-users.ts';

/** Activates or deactivates the account and sets a new password chosen by the manager. */
export function UserAccessSection({ user }: { user: TUserDetail }) {
  const { t } = useTranslation();
  const toggle = useUpdateUser(user.id);
  const passwordUpdate = useUpdateUser(user.id);
  const [confirming, setConfirming] = useState(false);
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  function setActive(active: boolean) {
    setMessage(null);
    toggle.mutate(
      { active },
      {
        onSuccess: () => setMessage(active ? t('users.activated') : t('users.deactivated')),
        onSettled: () => setConfirming(false),
      },
    );
  }

  function submitPassword(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    if (password.length < MIN_PASSWORD_LENGTH) {
      setPasswordError(t('errors.passwordTooShort', { min: MIN_PASSWORD_LENGTH }));
      return;
    }
    setPasswordError(null);
    passwordUpdate.mutate(
      { password },
      {
        onSuccess: () => {
          setPassword('');
          setMessage(t('users.passwordSet'));
        },
      },
    );
  }

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="user-access-title">
      <Title order={2} size="h3" id="user-access-title" mb="md">
        {t('users.access')}
      </Title>
      <StatusMessage message={message} />
      <ErrorAlert error={toggle.error} />
      <Group justify="space-between" mb="lg">
        <Text>{user.active ? t('users.activeText') : t('users.inactiveText')}</Text>
        {user.active ? (
          <Button variant="outline" color="red.9" onClick={() => setConfirming(true)}>
            {t('users.deactivate')}
          </Button>
        ) : (
          <Button variant="outline" onClick={() => setActive(true)} loading={toggle.isPending}>
            {t('users.activate')}
          </Button>
        )}
      </Group>
      <form onSubmit={submitPassword} noValidate>
        <Stack gap="sm" maw={480}>
          <Title order={3} size="h4">
            {t('users.passwordTitle')}
          </Title>
          <ErrorAlert error={fieldErrorsFrom(passwordUpdate.error).password ? null : passwordUpdate.error} />
          <PasswordInput
            label={t('users.newPassword')}
            description={t('users.passwordHint', { min: MIN_PASSWORD_LENGTH })}
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={passwordError ?? fieldErrorsFrom(passwordUpdate.error).password}
            visibilityToggleButtonProps={{ 'aria-label': t('auth.showPassword') }}
          />
          <Group>
            <Button type="submit" loading={passwordUpdate.isPending}>
              {t('users.setPassword')}
            </Button>
          </Group>
        </Stack>
      </form>
      <ConfirmModal
        opened={confirming}
        title={t('users.deactivate')}
        text={t('users.inactiveText')}
        confirmLabel={t('users.deactivate')}
        loading={toggle.isPending}
        onConfirm={() => setActive(false)}
        onClose={() => setConfirming(false)}
      />
    </Paper>
  );
}
