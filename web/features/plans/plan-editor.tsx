import { Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { zod4Resolver } from 'mantine-form-zod-resolver';
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
  type PlanDraft,
  pathErrorsFrom,
  ZDraftSave,
  ZDraftSubmission,
} from './plan-draft.ts';
import { focusPlanField, PlanErrorSummary } from './plan-error-summary.tsx';
import { PlanGoalsField } from './plan-goals-field.tsx';
import { issueErrors, planFieldId, planIssues } from './plan-issues.ts';
import { returnMeasureComments } from './plan-labels.ts';
import { PlanMeasureFields } from './plan-measure-fields.tsx';
import { type StaffOption, useRiskOptions, useStaffOptions } from './plan-options.ts';
import { PlanRisksField } from './plan-risks-field.tsx';
import { PlanTotals, PlanTotalsBar } from './plan-totals.tsx';
import { useSavePlan, useSimplePlanAction } from './use-plans.ts';

type Props = { plan: TPlan; onMessage: (message: string) => void };

/**
 * The plan's editor: risks, goals, measures and supervisor, with the planned totals and the Save and
 * Submit buttons always in view at the bottom of the window. The form checks its values with the
 * API's own schemas (a save by the content's, a submission by the submission's) before it sends
 * them; problems, found here or by the server, are named on their fields and listed at the top
 * with links, and the first field at fault gets the focus.
 */
export function PlanEditor({ plan, onMessage }: Props) {
  const { t } = useTranslation();
  const intent = useRef<'save' | 'submit'>('save');
  const form = useForm<PlanDraft>({
    mode: 'controlled',
    initialValues: draftFrom(plan.content),
    validate: (values) => zod4Resolver(intent.current === 'submit' ? ZDraftSubmission : ZDraftSave)(values),
  });
  const draft = form.values;
  const setDraft = (update: (d: PlanDraft) => PlanDraft) =>
    form.setValues((previous) => update(previous as PlanDraft));
  const [error, setError] = useState<unknown>(null);
  // Set after a refused save or submission: the editor then re-checks each change and, once per
  // refusal, takes the user to the first field at fault.
  const [attempt, setAttempt] = useState(0);
  const save = useSavePlan(plan.id);
  const action = useSimplePlanAction(plan.id);
  const riskOptions = useRiskOptions(plan);
  const staff: StaffOption[] = useStaffOptions(plan.schoolId);
  const comments = useMemo(() => returnMeasureComments(plan), [plan]);
  const issues = planIssues(t, draft, form.errors);
  const errors = issueErrors(issues);
  const planRisks = riskOptions.filter((r) => draft.riskIds.includes(r.id));
  const dirty = JSON.stringify(contentFrom(draft)) !== JSON.stringify(contentFrom(draftFrom(plan.content)));
  const busy = save.isPending || action.isPending;

  // After a refusal, focus the first field at fault (the summary lists them all).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per refusal, not per change
  useEffect(() => {
    if (attempt === 0) return;
    const first = planIssues(t, form.getValues(), form.errors)[0];
    if (first) focusPlanField(first.fieldId);
  }, [attempt]);

  // Once refused, each change is checked again, so the messages follow the corrections.
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-check on the values only
  useEffect(() => {
    if (attempt > 0) form.validate();
  }, [draft]);

  /** Checks the values by the schema of what is about to be done; shows the problems if any. */
  function check(what: 'save' | 'submit'): boolean {
    intent.current = what;
    if (!form.validate().hasErrors) return true;
    setAttempt((a) => a + 1);
    return false;
  }

  /** A refusal by the server: its field problems go onto the fields, the rest into the message. */
  function refused(e: unknown) {
    const fields = pathErrorsFrom(e);
    if (planIssues(t, draft, fields).length > 0) {
      setError(null);
      form.setErrors(fields);
      setAttempt((a) => a + 1);
    } else setError(e);
  }

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
      refused(e);
      return false;
    }
  }

  async function onSave(event: FormEvent) {
    event.preventDefault();
    if (!check('save')) return;
    if (await saveDraft()) onMessage(t('plans.saved'));
  }

  async function onSubmit() {
    if (!check('submit')) return;
    if (dirty && !(await saveDraft())) return;
    try {
      await action.mutateAsync('submit');
      onMessage(t('plans.submitted'));
    } catch (e) {
      refused(e);
    }
  }

  return (
    <form onSubmit={onSave} noValidate aria-labelledby="plan-editor-title">
      <Stack gap="xl">
        <Title order={2} size="h3" id="plan-editor-title">
          {t('plans.editorTitle')}
        </Title>
        <ErrorAlert error={error} />
        <PlanErrorSummary issues={issues} />
        <Paper withBorder p="lg" component="section" aria-labelledby="plan-risks-title">
          <Title order={3} size="h4" id="plan-risks-title" mb="sm">
            {t('plans.risksTitle')}
          </Title>
          <PlanRisksField
            id={planFieldId('riskIds')}
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
              <Text c="red.9" fw={700}>
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
                id={planFieldId('measures')}
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
            id={planFieldId('supervisorId')}
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
        <PlanTotalsBar label={t('plans.totalsTitle')}>
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
        </PlanTotalsBar>
      </Stack>
    </form>
  );
}
