import { Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TStudentDetail } from '../../../common/api/students.ts';
import { ErrorAlert, LoadError, LoadingState } from '../../components/feedback.tsx';
import { semesterLabel } from './plan-labels.ts';
import { PlanTable } from './plan-table.tsx';
import { useCreatePlan, usePlanList, useSemesters } from './use-plans.ts';

/** The "Plans" tab of a student's profile: the student's plans and, when the student's `can.createPlan` allows, a new one. */
export function StudentPlansTab({ student }: { student: TStudentDetail }) {
  const { t } = useTranslation();
  const plans = usePlanList({ studentId: student.id, cursor: null, pageSize: 50 });

  return (
    <Stack gap="xl">
      <Paper withBorder p="lg" component="section" aria-labelledby="student-plans-title">
        <Title order={2} size="h3" id="student-plans-title" mb="md">
          {t('plans.studentPlansTitle')}
        </Title>
        {plans.isPending && <LoadingState />}
        {plans.isError && <LoadError error={plans.error} onRetry={() => void plans.refetch()} />}
        {plans.data && plans.data.items.length === 0 && <Text>{t('plans.studentNone')}</Text>}
        {plans.data && plans.data.items.length > 0 && (
          <PlanTable
            plans={plans.data.items}
            caption={t('plans.studentPlansCaption', { name: `${student.firstName} ${student.lastName}` })}
            showStudent={false}
          />
        )}
      </Paper>
      {student.can.createPlan && (
        <Paper withBorder p="lg" component="section" aria-labelledby="plan-create-title">
          <Title order={2} size="h3" id="plan-create-title" mb="sm">
            {t('plans.createTitle')}
          </Title>
          <PlanCreateForm student={student} />
        </Paper>
      )}
    </Stack>
  );
}

function PlanCreateForm({ student }: { student: TStudentDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const semesters = useSemesters();
  const create = useCreatePlan();
  const [chosen, setChosen] = useState<string | null>(null);
  const current = semesters.data?.find((s) => s.current)?.id ?? null;
  const semesterId = chosen ?? current;

  if (semesters.isPending) return <LoadingState />;
  if (semesters.isError)
    return <LoadError error={semesters.error} onRetry={() => void semesters.refetch()} />;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!semesterId) return;
    create.mutate(
      { studentId: student.id, semesterId },
      { onSuccess: (plan) => navigate(`/plans/${plan.id}`, { state: { created: true } }) },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Text mb="md">{t('plans.createIntro')}</Text>
      <ErrorAlert error={create.error} />
      <Group align="flex-end">
        <Select
          label={t('plans.semester')}
          required
          allowDeselect={false}
          data={semesters.data.map((s) => ({ value: s.id, label: semesterLabel(t, s) }))}
          value={semesterId}
          onChange={setChosen}
          w={320}
        />
        <Button type="submit" loading={create.isPending} disabled={!semesterId}>
          {t('plans.create')}
        </Button>
      </Group>
    </form>
  );
}
