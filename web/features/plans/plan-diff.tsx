import { List, Paper, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TGoal, TMeasure, TPlan } from '../../../common/api/plans.ts';
import { LoadError, LoadingState } from '../../components/feedback.tsx';
import { NoteAlert } from '../../components/note-alert.tsx';
import { type DiffContext, measureFieldLabel, measureFieldValue } from './plan-diff-values.ts';
import { measurePlanned, measureTitle, riskLabel } from './plan-labels.ts';
import { useRiskOptions, useStaffNames } from './plan-options.ts';
import { type TPlanDiff, usePlanDiff } from './use-plans.ts';

/** "before → after", read as "before, changed to after"; the old value struck through, the new one bold. */
function Change({ label, before, after }: { label: string; before: string; after: string }) {
  const { t } = useTranslation();
  return (
    <Text>
      <Text span fw={700}>
        {label}:
      </Text>{' '}
      <del>{before}</del> <span aria-hidden="true">→</span>
      <VisuallyHidden>{t('plans.diffChangedTo')}</VisuallyHidden>{' '}
      <Text span component="ins" fw={700} style={{ textDecoration: 'none' }}>
        {after}
      </Text>
    </Text>
  );
}

function goalText(t: (key: string, o?: Record<string, unknown>) => string, goal: TGoal): string {
  return goal.criterion
    ? `${goal.text} (${t('plans.goalCriterionValue', { criterion: goal.criterion })})`
    : goal.text;
}

function isEmpty(diff: TPlanDiff): boolean {
  return (
    diff.risks.added.length + diff.risks.removed.length === 0 &&
    diff.goals.added.length + diff.goals.removed.length + diff.goals.changed.length === 0 &&
    diff.measures.added.length + diff.measures.removed.length + diff.measures.changed.length === 0 &&
    !diff.supervisorChanged
  );
}

/**
 * For approvers of a resubmitted plan: only what changed since it was returned — risks, goals and
 * measures added or removed, and each changed field as before → after.
 */
export function PlanDiff({ plan }: { plan: TPlan }) {
  const { t } = useTranslation();
  const diff = usePlanDiff(plan.id, true);
  const riskOptions = useRiskOptions(plan);
  const staff = useStaffNames(plan.schoolId);
  const ctx: DiffContext = useMemo(
    () => ({
      risks: new Map(riskOptions.map((r) => [r.id, r])),
      staff: new Map([...Object.entries(plan.peopleNames), ...staff]),
    }),
    [riskOptions, staff, plan.peopleNames],
  );

  if (diff.isPending) return <LoadingState />;
  if (diff.isError) return <LoadError error={diff.error} onRetry={() => void diff.refetch()} />;
  const d = diff.data;
  if (d.baseVersion === null) return null;
  const measure = (m: TMeasure) => `${measureTitle(t, m)} — ${measurePlanned(t, m)}`;
  const risk = (id: string) => riskLabel(t, ctx.risks.get(id));

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="plan-diff-title" bg="blue.0">
      <Title order={2} size="h3" id="plan-diff-title" mb="xs">
        {t('plans.diffTitle')}
      </Title>
      <Text size="sm" mb="md">
        {t('plans.diffVersions', { from: d.baseVersion, to: d.version })}
      </Text>
      {isEmpty(d) ? (
        <NoteAlert color="teal">{t('plans.diffNone')}</NoteAlert>
      ) : (
        <Stack gap="md">
          {(d.risks.added.length > 0 || d.risks.removed.length > 0) && (
            <section aria-labelledby="diff-risks">
              <Title order={3} size="h5" id="diff-risks" mb={4}>
                {t('plans.risksTitle')}
              </Title>
              <List spacing={4}>
                {d.risks.added.map((id) => (
                  <List.Item key={id}>{t('plans.diffAdded', { what: risk(id) })}</List.Item>
                ))}
                {d.risks.removed.map((id) => (
                  <List.Item key={id}>{t('plans.diffRemoved', { what: risk(id) })}</List.Item>
                ))}
              </List>
            </section>
          )}
          {d.goals.added.length + d.goals.removed.length + d.goals.changed.length > 0 && (
            <section aria-labelledby="diff-goals">
              <Title order={3} size="h5" id="diff-goals" mb={4}>
                {t('plans.goalsTitle')}
              </Title>
              <List spacing={4}>
                {d.goals.added.map((g) => (
                  <List.Item key={g.id}>{t('plans.diffAdded', { what: goalText(t, g) })}</List.Item>
                ))}
                {d.goals.removed.map((g) => (
                  <List.Item key={g.id}>{t('plans.diffRemoved', { what: goalText(t, g) })}</List.Item>
                ))}
                {d.goals.changed.map(({ before, after }) => (
                  <List.Item key={after.id}>
                    {before.text !== after.text && (
                      <Change label={t('plans.goalText')} before={before.text} after={after.text} />
                    )}
                    {before.criterion !== after.criterion && (
                      <Change
                        label={t('plans.goalCriterion')}
                        before={before.criterion || t('common.none')}
                        after={after.criterion || t('common.none')}
                      />
                    )}
                  </List.Item>
                ))}
              </List>
            </section>
          )}
          {d.measures.added.length + d.measures.removed.length + d.measures.changed.length > 0 && (
            <section aria-labelledby="diff-measures">
              <Title order={3} size="h5" id="diff-measures" mb={4}>
                {t('plans.measuresTitle')}
              </Title>
              <List spacing="xs">
                {(d.measures.added as TMeasure[]).map((m) => (
                  <List.Item key={m.id}>{t('plans.diffAdded', { what: measure(m) })}</List.Item>
                ))}
                {(d.measures.removed as TMeasure[]).map((m) => (
                  <List.Item key={m.id}>{t('plans.diffRemoved', { what: measure(m) })}</List.Item>
                ))}
                {(d.measures.changed as { before: TMeasure; after: TMeasure; fields: string[] }[]).map(
                  (c) => (
                    <List.Item key={c.after.id}>
                      <Text fw={600}>
                        {t('plans.diffChangedMeasure', { what: measureTitle(t, c.before) })}
                      </Text>
                      {c.fields.map((field) => (
                        <Change
                          key={field}
                          label={measureFieldLabel(t, field)}
                          before={measureFieldValue(t, c.before, field, ctx)}
                          after={measureFieldValue(t, c.after, field, ctx)}
                        />
                      ))}
                    </List.Item>
                  ),
                )}
              </List>
            </section>
          )}
          {d.supervisorChanged && <Text>{t('plans.diffSupervisor')}</Text>}
        </Stack>
      )}
    </Paper>
  );
}
