import { Badge, Button, Group, Modal, Paper, Radio, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TPlanned } from '../../../common/api/schedule.ts';
import { ErrorAlert } from '../../components/feedback.tsx';
import { measureLabel } from './support-labels.ts';
import { useCancelPlanned } from './use-schedule.ts';

const STATUS_COLOURS: Record<TPlanned['status'], string> = {
  planned: 'blue.9',
  cancelled: 'red.9',
  recorded: 'teal.9',
};

/** Asks for the reason (required) and whether to cancel only this one or the rest of the series too. */
function CancelModal({ planned, onClose }: { planned: TPlanned | null; onClose: () => void }) {
  const { t } = useTranslation();
  const cancel = useCancelPlanned();
  const [reason, setReason] = useState('');
  const [scope, setScope] = useState<'one' | 'rest_of_series'>('one');
  const [missing, setMissing] = useState(false);
  const close = () => {
    setReason('');
    setScope('one');
    setMissing(false);
    cancel.reset();
    onClose();
  };
  return (
    <Modal
      opened={planned !== null}
      onClose={close}
      title={t('schedule.cancelTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack gap="md">
        <ErrorAlert error={cancel.error} />
        <Textarea
          label={t('schedule.cancelReason')}
          required
          autosize
          minRows={2}
          maxLength={500}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={missing ? t('errors.required') : undefined}
          data-autofocus
        />
        {planned?.seriesId && (
          <Radio.Group
            label={t('schedule.cancelScope')}
            value={scope}
            onChange={(v) => setScope(v as typeof scope)}
          >
            <Stack gap="xs" mt="xs">
              <Radio value="one" label={t('schedule.scopeOne')} />
              <Radio value="rest_of_series" label={t('schedule.scopeRest')} />
            </Stack>
          </Radio.Group>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red.9"
            loading={cancel.isPending}
            onClick={() => {
              if (!reason.trim() || !planned) {
                setMissing(true);
                return;
              }
              cancel.mutate({ id: planned.id, reason: reason.trim(), scope }, { onSuccess: close });
            }}
          >
            {t('schedule.cancelConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The planned consultations of one day: time, student, measure, place, state; record or cancel. */
export function PlannedList({ items, onRecord }: { items: TPlanned[]; onRecord: (p: TPlanned) => void }) {
  const { t } = useTranslation();
  const [cancelling, setCancelling] = useState<TPlanned | null>(null);
  return (
    <>
      <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((p) => (
          <Paper key={p.id} withBorder p="sm" component="li" data-testid="planned-item">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <div>
                <Text fw={700}>
                  {p.startTime} · {p.minutes} min · {p.studentName}
                </Text>
                <Text size="sm">
                  {measureLabel(t, p.measureLabel)} ({p.planCode}) ·{' '}
                  {p.mode === 'remote' ? t('schedule.remote') : t('schedule.roomShort', { room: p.room })}
                  {p.seriesId ? ` · ${t('schedule.weekly')}` : ''}
                </Text>
                {p.cancelReason && (
                  <Text size="sm">{t('schedule.cancelledBecause', { reason: p.cancelReason })}</Text>
                )}
              </div>
              <Group gap="xs">
                <Badge color={STATUS_COLOURS[p.status]} variant="filled">
                  {t(`schedule.status.${p.status}`)}
                </Badge>
                {p.can.record && (
                  <Button size="xs" onClick={() => onRecord(p)}>
                    {t('schedule.record')}
                  </Button>
                )}
                {p.can.cancel && (
                  <Button size="xs" variant="default" onClick={() => setCancelling(p)}>
                    {t('schedule.cancel')}
                  </Button>
                )}
              </Group>
            </Group>
          </Paper>
        ))}
      </Stack>
      <CancelModal planned={cancelling} onClose={() => setCancelling(null)} />
    </>
  );
}
