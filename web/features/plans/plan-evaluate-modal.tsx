import { Button, Checkbox, Group, Modal, Radio, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CARRIED_OUT, type TPlan } from '../../../common/api/plans.ts';
import { ErrorAlert } from '../../components/feedback.tsx';
import { measurePlanned, measureTitle } from './plan-labels.ts';
import { useEvaluatePlan } from './use-plans.ts';

type CarriedOut = (typeof CARRIED_OUT)[number];
type Props = { plan: TPlan; opened: boolean; onClose: (done: boolean, nextPlanId?: string | null) => void };

function ThreeWay({
  label,
  description,
  value,
  onChange,
  error,
}: {
  label: string;
  description?: string;
  value: CarriedOut | null;
  onChange: (value: CarriedOut) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <Radio.Group
      label={label}
      description={description}
      required
      value={value}
      onChange={(v) => onChange(v as CarriedOut)}
      error={error}
    >
      <Group mt="xs">
        {CARRIED_OUT.map((option) => (
          <Radio key={option} value={option} label={t(`plans.carriedOut.${option}`)} />
        ))}
      </Group>
    </Radio.Group>
  );
}

/**
 * The semester evaluation: each measure carried out yes / partly / no, the student's progress, whether
 * the risks decreased, and whether to continue next semester (a new draft copied from this plan).
 */
export function PlanEvaluateModal({ plan, opened, onClose }: Props) {
  const { t } = useTranslation();
  const evaluate = useEvaluatePlan(plan.id);
  const [carried, setCarried] = useState<Record<string, CarriedOut>>({});
  const [progress, setProgress] = useState('');
  const [risksDecreased, setRisksDecreased] = useState<CarriedOut | null>(null);
  const [continueNext, setContinueNext] = useState(false);
  const [checked, setChecked] = useState(false);
  const required = t('errors.required');

  function submit(event: FormEvent) {
    event.preventDefault();
    setChecked(true);
    const complete = plan.content.measures.every((m) => carried[m.id]) && progress.trim() && risksDecreased;
    if (!complete || !risksDecreased) return;
    evaluate.mutate(
      {
        measures: plan.content.measures.map((m) => ({
          measureId: m.id,
          carriedOut: carried[m.id],
          deliveredHours: null,
          deliveredCents: null,
        })),
        progress: progress.trim(),
        risksDecreased,
        continueNextSemester: continueNext,
      },
      { onSuccess: (result) => onClose(true, result.nextPlanId) },
    );
  }

  return (
    <Modal
      opened={opened}
      onClose={() => onClose(false)}
      title={t('plans.evaluateTitle', { code: plan.code })}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text>{t('plans.evaluateIntro')}</Text>
          <ErrorAlert error={evaluate.error} />
          {plan.content.measures.map((measure, index) => (
            <ThreeWay
              key={measure.id}
              label={t('plans.evaluateMeasure', { n: index + 1 })}
              description={`${measureTitle(t, measure)} — ${measurePlanned(t, measure)}`}
              value={carried[measure.id] ?? null}
              onChange={(value) => setCarried((c) => ({ ...c, [measure.id]: value }))}
              error={checked && !carried[measure.id] ? required : undefined}
            />
          ))}
          <Textarea
            label={t('plans.evaluateProgress')}
            required
            autosize
            minRows={3}
            maxLength={4000}
            value={progress}
            onChange={(event) => setProgress(event.currentTarget.value)}
            error={checked && !progress.trim() ? required : undefined}
          />
          <ThreeWay
            label={t('plans.evaluateRisks')}
            value={risksDecreased}
            onChange={setRisksDecreased}
            error={checked && !risksDecreased ? required : undefined}
          />
          <Checkbox
            label={t('plans.evaluateContinue')}
            description={t('plans.evaluateContinueHint')}
            checked={continueNext}
            onChange={(event) => setContinueNext(event.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => onClose(false)}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={evaluate.isPending}>
              {t('plans.actions.evaluate')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
