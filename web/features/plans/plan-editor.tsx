import { Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TPlan } from '../../../common/api/plans.ts';
import { ErrorAlert } from '../../components/feedback.tsx';
import {
  contentFrom,
  type DraftMeasure,
  draftFrom,
  draftTotals,
  newMeasure,
  pathErrorsFrom,
} from './plan-draft.ts';
import { PlanGoalsField } from './plan-goals-field.tsx';
import { returnMeasureComments } from './plan-labels.ts';
import { PlanMeasureFields } from './plan-measure-fields.tsx';
import { type StaffOption, useRiskOptions, useStaffOptions } from './plan-options.ts';
import { PlanRisksField } from './plan-risks-field.tsx';
import { PlanTotals } from './plan-totals.tsx';
import { useSavePlan, useSimplePlanAction } from './use-plans.ts';

type Props = { plan: TPlan; onMessage: (message: string) => void };

/**
 * The plan's editor: risks, goals, measures and supervisor, with the planned totals and the Save and
 * Submit buttons always in view at the bottom of the window. Problems the server finds are shown on
 * the fields they concern.
 */
export function PlanEditor({ plan, onMessage }: Props) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => draftFrom(plan.content));
  const [error, setError] = useState<unknown>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const save = useSavePlan(plan.id);
  const action = useSimplePlanAction(plan.id);
  const riskOptions = useRiskOptions(plan);
  const staff: StaffOption[] = useStaffOptions(plan.schoolId);
  const comments = useMemo(() => returnMeasureComments(plan), [plan]);
  const errors = pathErrorsFrom(error);
  const planRisks = riskOptions.filter((r) => draft.riskIds.includes(r.id));
  const dirty = JSON.stringify(contentFrom(draft)) !== JSON.stringify(contentFrom(draftFrom(plan.content)));
  const busy = save.isPending || action.isPending;

  // After a refused save, take the user to the first field at fault (or to the message).
  useEffect(() => {
    if (!error) return;
    const form = formRef.current;
    const field = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (field) field.focus();
    else form?.querySelector('[role="alert"]')?.scrollIntoView({ block: 'center' });
  }, [error]);

  function setRisks(riskIds: string[]) {
    // A measure may only address risks of the plan: unticking a risk unlinks it from the measures.
    setDraft((d) => ({
      ...d,
      riskIds,
      measures: d.measures.map((m) => ({ ...m, riskIds: m.riskIds.filter((r) => riskIds.includes(r)) })),
    }));
  }

  function updateMeasure(index: number, patch: Partial<DraftMeasure>) {
    setDraft((d) => ({ ...d, measures: d.measures.map((m, i) => (i === index ? { ...m, ...patch } : m)) }));
  }

  async function saveDraft(): Promise<boolean> {
    setError(null);
    try {
      await save.mutateAsync(contentFrom(draft));
      return true;
    } catch (e) {
      setError(e);
      return false;
    }
  }

  async function onSave(event: FormEvent) {
    event.preventDefault();
    if (await saveDraft()) onMessage(t('plans.saved'));
  }

  async function onSubmit() {
    if (dirty && !(await saveDraft())) return;
    try {
      await action.mutateAsync('submit');
      onMessage(t('plans.submitted'));
    } catch (e) {
      setError(e);
    }
  }

  return (
    <form ref={formRef} onSubmit={onSave} noValidate aria-labelledby="plan-editor-title">
      <Stack gap="xl">
        <Title order={2} size="h3" id="plan-editor-title">
          {t('plans.editorTitle')}
        </Title>
        <ErrorAlert error={error} />
        <Paper withBorder p="lg" component="section" aria-labelledby="plan-risks-title">
          <Title order={3} size="h4" id="plan-risks-title" mb="sm">
            {t('plans.risksTitle')}
          </Title>
          <PlanRisksField
            options={riskOptions}
            value={draft.riskIds}
            onChange={setRisks}
            error={errors.riskIds}
          />
        </Paper>
        <Paper withBorder p="lg" component="section" aria-labelledby="plan-goals-title">
          <Title order={3} size="h4" id="plan-goals-title" mb="sm">
            {t('plans.goalsTitle')}
          </Title>
          <PlanGoalsField
            goals={draft.goals}
            onChange={(goals) => setDraft((d) => ({ ...d, goals }))}
            errors={errors}
          />
        </Paper>
        <Paper withBorder p="lg" component="section" aria-labelledby="plan-measures-title">
          <Title order={3} size="h4" id="plan-measures-title" mb="sm">
            {t('plans.measuresTitle')}
          </Title>
          <Stack gap="md">
            {errors.measures && (
              <Text c="red.9" fw={700} role="alert">
                {t('plans.measuresMissing')}
              </Text>
            )}
            {draft.measures.length === 0 && <Text>{t('plans.measuresNone')}</Text>}
            {draft.measures.map((measure, index) => (
              <PlanMeasureFields
                key={measure.id}
                measure={measure}
                index={index}
                risks={planRisks}
                staff={staff}
                errors={errors}
                returnComment={comments.get(measure.id)}
                onChange={(patch) => updateMeasure(index, patch)}
                onRemove={() =>
                  setDraft((d) => ({ ...d, measures: d.measures.filter((_, i) => i !== index) }))
                }
              />
            ))}
            <Group>
              <Button
                variant="default"
                onClick={() => setDraft((d) => ({ ...d, measures: [...d.measures, newMeasure(d.riskIds)] }))}
              >
                {t('plans.measureAdd')}
              </Button>
            </Group>
          </Stack>
        </Paper>
        <Paper withBorder p="lg" component="section" aria-labelledby="plan-supervisor-title">
          <Title order={3} size="h4" id="plan-supervisor-title" mb="sm">
            {t('plans.supervisorTitle')}
          </Title>
          <Select
            label={t('plans.supervisor')}
            description={staff.length === 0 ? t('plans.staffUnavailable') : t('plans.supervisorHint')}
            data={staff}
            value={draft.supervisorId}
            onChange={(supervisorId) => setDraft((d) => ({ ...d, supervisorId }))}
            disabled={staff.length === 0}
            clearable
            clearButtonProps={{ 'aria-label': t('common.clear') }}
            searchable
            maw={480}
            error={errors.supervisorId}
          />
        </Paper>
        <Paper
          withBorder
          shadow="md"
          p="md"
          pos="sticky"
          bottom={0}
          style={{ zIndex: 5 }}
          component="section"
          aria-label={t('plans.totalsTitle')}
        >
          <Group justify="space-between" align="center" wrap="wrap">
            <PlanTotals totals={draftTotals(draft)} />
            <Group>
              {dirty && <Text size="sm">{t('plans.unsaved')}</Text>}
              <Button
                type="submit"
                variant="default"
                loading={save.isPending}
                disabled={busy && !save.isPending}
              >
                {t('common.save')}
              </Button>
              {plan.can.submit && (
                <Button
                  onClick={() => void onSubmit()}
                  loading={action.isPending}
                  disabled={busy && !action.isPending}
                >
                  {t('plans.actions.submit')}
                </Button>
              )}
            </Group>
          </Group>
        </Paper>
      </Stack>
    </form>
  );
}
