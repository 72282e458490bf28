import {
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TStudentDetail } from '../../../common/api/students.ts';
import { DateField } from '../../components/date-field.tsx';
import { ErrorAlert, StatusMessage } from '../../components/feedback.tsx';
import { api } from '../../lib/api.ts';
import { type FieldErrors, fieldErrorsFrom } from '../../lib/form-errors.ts';
import { levelFromValue, levelOptions, levelValue, withLevelError } from './student-fields.tsx';
import { studentName, todayIso } from './student-labels.ts';
import { STUDENTS_KEY, studentPath, useMoveStudent, useSchoolDirectory } from './use-students.ts';

/**
 * Moves the student to another school anywhere in the country. If the user has no access to the new
 * school, the profile is no longer theirs to see: the list opens with a confirmation instead.
 */
export function StudentMoveForm({ student }: { student: TStudentDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [opened, setOpened] = useState(false);
  const schools = useSchoolDirectory(opened);
  const move = useMoveStudent(student.id);
  const [toSchoolId, setToSchoolId] = useState<string | null>(null);
  const [movedOn, setMovedOn] = useState<string | null>(todayIso());
  const [classLabel, setClassLabel] = useState(student.classLabel);
  const [level, setLevel] = useState<string | null>(levelValue(student.grade, student.course));
  const [reason, setReason] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const errors = withLevelError({ ...fieldErrorsFrom(move.error), ...clientErrors });

  const groups = new Map<string, { value: string; label: string }[]>();
  for (const school of schools.data ?? []) {
    if (school.id === student.schoolId) continue;
    const group = school.municipalityName ?? t('students.stateSchools');
    groups.set(group, [...(groups.get(group) ?? []), { value: school.id, label: school.name }]);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const problems: FieldErrors = {};
    if (!toSchoolId) problems.toSchoolId = t('errors.required');
    if (!movedOn) problems.movedOn = t('errors.required');
    if (!classLabel.trim()) problems.classLabel = t('errors.required');
    if (!level) problems.level = t('errors.required');
    setClientErrors(problems);
    if (Object.keys(problems).length > 0 || !toSchoolId || !movedOn) return;
    const body = {
      toSchoolId,
      movedOn,
      classLabel: classLabel.trim(),
      ...levelFromValue(level),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    };
    move.mutate(body, {
      onSuccess: async () => {
        try {
          const detail = await api.get<TStudentDetail>(studentPath(student.id));
          client.setQueryData([...STUDENTS_KEY, 'detail', student.id], detail);
          setOpened(false);
          setMessage(t('students.moved'));
        } catch {
          navigate('/students', {
            state: { message: t('students.movedAway', { name: studentName(student) }) },
          });
        }
      },
    });
  }

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="student-move-title">
      <Title order={2} size="h3" id="student-move-title" mb="md">
        {t('students.moveTitle')}
      </Title>
      <StatusMessage message={message} />
      {!opened ? (
        <Stack gap="sm" align="flex-start">
          <Text>{t('students.moveIntro')}</Text>
          <Button variant="outline" onClick={() => setOpened(true)}>
            {t('students.moveOpen')}
          </Button>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack maw={760}>
            <Text>{t('students.moveIntro')}</Text>
            <ErrorAlert error={move.error ?? schools.error} />
            <Select
              label={t('students.moveToSchool')}
              required
              searchable
              data={[...groups].map(([group, items]) => ({ group, items }))}
              value={toSchoolId}
              onChange={setToSchoolId}
              error={errors.toSchoolId}
              nothingFoundMessage={t('organisations.noMatch')}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <DateField
                label={t('students.movedOn')}
                required
                value={movedOn}
                onChange={setMovedOn}
                error={errors.movedOn}
              />
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('students.newClassLabel')}
                description={t('students.classLabelExample')}
                required
                value={classLabel}
                onChange={(event) => setClassLabel(event.currentTarget.value)}
                error={errors.classLabel}
              />
              <Select
                label={t('students.level')}
                description={t('students.levelHint')}
                required
                data={levelOptions(t)}
                value={level}
                onChange={setLevel}
                error={errors.level}
              />
            </SimpleGrid>
            <Textarea
              label={t('students.moveReason')}
              autosize
              minRows={2}
              maxLength={500}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              error={errors.reason}
            />
            <Group>
              <Button type="submit" loading={move.isPending}>
                {t('students.moveSubmit')}
              </Button>
              <Button variant="default" onClick={() => setOpened(false)}>
                {t('common.cancel')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Paper>
  );
}
