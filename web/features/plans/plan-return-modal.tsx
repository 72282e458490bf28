import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TPlan } from '../../../common/api/plans.ts';
import { ErrorAlert } from '../../components/feedback.tsx';
import { measurePlanned, measureTitle } from './plan-labels.ts';
import { useReturnPlan } from './use-plans.ts';

type Props = { plan: TPlan; opened: boolean; onClose: (returned: boolean) => void };

/** Returns the plan for changes: a comment on the plan (required) and, optionally, one per measure. */
export function PlanReturnModal({ plan, opened, onClose }: Props) {
  const { t } = useTranslation();
  const returnPlan = useReturnPlan(plan.id);
  const [comment, setComment] = useState('');
  const [measureComments, setMeasureComments] = useState<Record<string, string>>({});
  const [missing, setMissing] = useState(false);

  function close(returned: boolean) {
    returnPlan.reset();
    setMissing(false);
    if (returned) {
      setComment('');
      setMeasureComments({});
    }
    onClose(returned);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!comment.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    const perMeasure = plan.content.measures
      .map((m) => ({ measureId: m.id, comment: (measureComments[m.id] ?? '').trim() }))
      .filter((c) => c.comment !== '');
    returnPlan.mutate(
      { comment: comment.trim(), measureComments: perMeasure },
      { onSuccess: () => close(true) },
    );
  }

  return (
    <Modal
      opened={opened}
      onClose={() => close(false)}
      title={t('plans.returnTitle', { code: plan.code })}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text>{t('plans.returnIntro')}</Text>
          <ErrorAlert error={returnPlan.error} />
          <Textarea
            label={t('plans.returnComment')}
            required
            autosize
            minRows={3}
            maxLength={4000}
            value={comment}
            onChange={(event) => setComment(event.currentTarget.value)}
            error={missing ? t('errors.required') : undefined}
            data-autofocus
          />
          {plan.content.measures.map((measure, index) => (
            <Textarea
              key={measure.id}
              label={t('plans.returnMeasureComment', { n: index + 1 })}
              description={`${measureTitle(t, measure)} — ${measurePlanned(t, measure)}`}
              autosize
              minRows={1}
              maxLength={2000}
              value={measureComments[measure.id] ?? ''}
              onChange={(event) => {
                const value = event.currentTarget.value;
                setMeasureComments((c) => ({ ...c, [measure.id]: value }));
              }}
            />
          ))}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => close(false)}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red.9" loading={returnPlan.isPending}>
              {t('plans.actions.return')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
