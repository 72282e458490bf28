import { Button, Fieldset, Group, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type DraftGoal, newGoal, type PathErrors } from './plan-draft.ts';
import { planFieldId } from './plan-issues.ts';

type Props = {
  goals: DraftGoal[];
  onChange: (goals: DraftGoal[]) => void;
  errors: PathErrors;
};

/** The plan's goals, each with how its achievement will be checked; add and remove. */
export function PlanGoalsField({ goals, onChange, errors }: Props) {
  const { t } = useTranslation();
  const update = (index: number, patch: Partial<DraftGoal>) =>
    onChange(goals.map((goal, i) => (i === index ? { ...goal, ...patch } : goal)));

  return (
    <Stack gap="md">
      {errors.goals && (
        <Text c="red.9" fw={700}>
          {t('plans.goalsMissing')}
        </Text>
      )}
      {goals.length === 0 && <Text>{t('plans.goalsNone')}</Text>}
      {goals.map((goal, index) => {
        const n = index + 1;
        return (
          <Fieldset key={goal.id} id={planFieldId(`goals.${index}`)} legend={t('plans.goalN', { n })}>
            <Stack gap="sm">
              <Textarea
                id={planFieldId(`goals.${index}.text`)}
                label={t('plans.goalText')}
                required
                autosize
                minRows={2}
                maxLength={1000}
                value={goal.text}
                onChange={(event) => update(index, { text: event.currentTarget.value })}
                error={errors[`goals.${index}.text`]}
              />
              <TextInput
                id={planFieldId(`goals.${index}.criterion`)}
                label={t('plans.goalCriterion')}
                description={t('plans.goalCriterionHint')}
                maxLength={500}
                value={goal.criterion}
                onChange={(event) => update(index, { criterion: event.currentTarget.value })}
                error={errors[`goals.${index}.criterion`]}
              />
              <Group justify="flex-end">
                <Button
                  variant="outline"
                  color="red.9"
                  size="xs"
                  onClick={() => onChange(goals.filter((_, i) => i !== index))}
                >
                  {t('plans.goalRemove', { n })}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
        );
      })}
      <Group>
        <Button id={planFieldId('goals')} variant="default" onClick={() => onChange([...goals, newGoal()])}>
          {t('plans.goalAdd')}
        </Button>
      </Group>
    </Stack>
  );
}
