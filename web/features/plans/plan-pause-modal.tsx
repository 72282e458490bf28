import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TPlan } from '../../../common/api/plans.ts';
import { ErrorAlert } from '../../components/feedback.tsx';
import { usePausePlan } from './use-plans.ts';

type Props = { plan: TPlan; opened: boolean; onClose: (paused: boolean) => void };

/** Pauses a plan in progress; the reason is required (resuming is possible within the same semester). */
export function PlanPauseModal({ plan, opened, onClose }: Props) {
  const { t } = useTranslation();
  const pause = usePausePlan(plan.id);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);

  function close(paused: boolean) {
    pause.reset();
    setMissing(false);
    if (paused) setReason('');
    onClose(paused);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!reason.trim()) {
      setMissing(true);
      return;
    }
    pause.mutate(reason.trim(), { onSuccess: () => close(true) });
  }

  return (
    <Modal
      opened={opened}
      onClose={() => close(false)}
      title={t('plans.pauseTitle', { code: plan.code })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text>{t('plans.pauseIntro')}</Text>
          <ErrorAlert error={pause.error} />
          <Textarea
            label={t('plans.pauseReason')}
            required
            autosize
            minRows={3}
            maxLength={2000}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={missing ? t('errors.required') : undefined}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => close(false)}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={pause.isPending}>
              {t('plans.actions.pause')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
