import { Button, Group, Paper, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TUserDetail } from '../../../common/api/users.ts';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { ErrorAlert, StatusMessage } from '../../components/feedback.tsx';
import { useResetSecondFactor } from './use-users.ts';

/**
 * The user's second factor for a manager (issue 16): whether it is on, and a reset for a lost
 * authenticator after a confirmation (the server asks for a step-up first).
 */
export function UserSecondFactorSection({ user }: { user: TUserDetail }) {
  const { t } = useTranslation();
  const reset = useResetSecondFactor(user.id);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  function confirmReset() {
    setMessage(null);
    // Closed first: the step-up dialog the API client may open must not sit under this one.
    setConfirming(false);
    reset.mutate(undefined, { onSuccess: () => setMessage(t('users.secondFactorResetDone')) });
  }

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="user-second-factor-title">
      <Title order={2} size="h3" id="user-second-factor-title" mb="md">
        {t('users.secondFactorTitle')}
      </Title>
      <StatusMessage message={message} />
      <ErrorAlert error={reset.error} />
      <Text mb="sm">
        {`${t('users.secondFactor')}: ${user.secondFactorEnabled ? t('users.secondFactorOn') : t('users.secondFactorOff')}`}
      </Text>
      {user.secondFactorEnabled && (
        <>
          <Text mb="md" maw={640}>
            {t('users.secondFactorLost')}
          </Text>
          <Group>
            <Button
              variant="outline"
              color="red.9"
              onClick={() => setConfirming(true)}
              loading={reset.isPending}
            >
              {t('users.resetSecondFactor')}
            </Button>
          </Group>
        </>
      )}
      <ConfirmModal
        opened={confirming}
        title={t('users.resetSecondFactorTitle')}
        text={t('users.resetSecondFactorText')}
        confirmLabel={t('users.resetSecondFactor')}
        onConfirm={confirmReset}
        onClose={() => setConfirming(false)}
      />
    </Paper>
  );
}
