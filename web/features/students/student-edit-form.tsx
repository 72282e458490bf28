import { Button, Group, Paper, Stack, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TStudentDetail, TUpdateStudentBody } from '../../../common/api/students.ts';
import { ErrorAlert, StatusMessage } from '../../components/feedback.tsx';
import { type FieldErrors, fieldErrorsFrom } from '../../lib/form-errors.ts';
import {
  levelFromValue,
  levelValue,
  missingStudentFields,
  StudentFields,
  type StudentFormValues,
  withLevelError,
} from './student-fields.tsx';
import { useUpdateStudent } from './use-students.ts';

function valuesOf(student: TStudentDetail): StudentFormValues {
  return {
    firstName: student.firstName,
    lastName: student.lastName,
    classLabel: student.classLabel,
    level: levelValue(student.grade, student.course),
    birthDate: student.birthDate,
    gender: student.gender,
  };
}

/** The fields that differ from the record, as a PATCH body. */
function changesOf(student: TStudentDetail, values: StudentFormValues): TUpdateStudentBody {
  const body: TUpdateStudentBody = {};
  if (values.firstName.trim() !== student.firstName) body.firstName = values.firstName.trim();
  if (values.lastName.trim() !== student.lastName) body.lastName = values.lastName.trim();
  if (values.classLabel.trim() !== student.classLabel) body.classLabel = values.classLabel.trim();
  const level = levelFromValue(values.level);
  if (level.grade !== student.grade || level.course !== student.course) Object.assign(body, level);
  if (values.birthDate && values.birthDate !== student.birthDate) body.birthDate = values.birthDate;
  if (values.gender !== student.gender) body.gender = values.gender as TUpdateStudentBody['gender'];
  return body;
}

/** Edits names, class, level, birth date and gender; only the changed fields are sent. */
export function StudentEditForm({ student }: { student: TStudentDetail }) {
  const { t } = useTranslation();
  const update = useUpdateStudent(student.id);
  const [values, setValues] = useState<StudentFormValues>(() => valuesOf(student));
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<string | null>(null);
  const errors = withLevelError({ ...fieldErrorsFrom(update.error), ...clientErrors });

  function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const missing = missingStudentFields(values, t('errors.required'));
    setClientErrors(missing);
    if (Object.keys(missing).length > 0) return;
    const body = changesOf(student, values);
    if (Object.keys(body).length === 0) {
      setMessage(t('students.noChanges'));
      return;
    }
    update.mutate(body, {
      onSuccess: (saved) => {
        setValues(valuesOf(saved));
        setMessage(t('common.saved'));
      },
    });
  }

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="student-edit-title">
      <Title order={2} size="h3" id="student-edit-title" mb="md">
        {t('students.editTitle')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack maw={760}>
          <StatusMessage message={message} />
          <ErrorAlert error={update.error} />
          <StudentFields
            values={values}
            errors={errors}
            onChange={(changes) => setValues((current) => ({ ...current, ...changes }))}
          />
          <Group>
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
