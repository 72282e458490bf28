import { Select, SimpleGrid, TextInput } from '@mantine/core';
import type { ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GENDERS } from '../../../common/api/students.ts';
import { DateField } from '../../components/date-field.tsx';
import type { FieldErrors } from '../../lib/form-errors.ts';

/** The editable fields of a student as the forms hold them; the level is `g7` (grade) or `c2` (course). */
export type StudentFormValues = {
  firstName: string;
  lastName: string;
  classLabel: string;
  level: string | null;
  birthDate: string | null;
  gender: string | null;
};

/** The form's level value for a grade or course. */
export function levelValue(grade: number | null, course: number | null): string | null {
  if (grade !== null) return `g${grade}`;
  if (course !== null) return `c${course}`;
  return null;
}

/** Grade and course for the API from the form's level value; exactly one is set. */
export function levelFromValue(level: string | null): { grade: number | null; course: number | null } {
  const n = Number(level?.slice(1));
  if (level?.startsWith('g')) return { grade: n, course: null };
  if (level?.startsWith('c')) return { grade: null, course: n };
  return { grade: null, course: null };
}

/** Required fields left empty, as messages keyed by field. */
export function missingStudentFields(values: StudentFormValues, required: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of ['firstName', 'lastName', 'classLabel'] as const) {
    if (!values[field].trim()) errors[field] = required;
  }
  if (!values.level) errors.level = required;
  return errors;
}

/** The server reports the level as `grade` or `course`; the form shows both on the one level field. */
export function withLevelError(errors: FieldErrors): FieldErrors {
  return { ...errors, level: errors.level ?? errors.grade ?? errors.course };
}

/** Level choices for a Select: grades 1–12 and vocational courses 1–4, in two groups. */
export function levelOptions(t: (key: string, options?: Record<string, unknown>) => string) {
  return [
    {
      group: t('students.levelGrades'),
      items: Array.from({ length: 12 }, (_, i) => ({
        value: `g${i + 1}`,
        label: t('students.gradeValue', { grade: i + 1 }),
      })),
    },
    {
      group: t('students.levelCourses'),
      items: Array.from({ length: 4 }, (_, i) => ({
        value: `c${i + 1}`,
        label: t('students.courseValue', { course: i + 1 }),
      })),
    },
  ];
}

type Props = {
  values: StudentFormValues;
  errors: FieldErrors;
  onChange: (changes: Partial<StudentFormValues>) => void;
  birthDateHint?: string;
};

/** Names, class, level, birth date and gender: the fields shared by the new-student and edit forms. */
export function StudentFields({ values, errors, onChange, birthDateHint }: Props) {
  const { t } = useTranslation();
  const text = (field: 'firstName' | 'lastName' | 'classLabel') => ({
    value: values[field],
    error: errors[field],
    onChange: (event: ChangeEvent<HTMLInputElement>) => onChange({ [field]: event.currentTarget.value }),
  });

  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label={t('students.firstName')} required autoComplete="off" {...text('firstName')} />
        <TextInput label={t('students.lastName')} required autoComplete="off" {...text('lastName')} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('students.classLabel')}
          description={t('students.classLabelExample')}
          required
          autoComplete="off"
          {...text('classLabel')}
        />
        <Select
          label={t('students.level')}
          description={t('students.levelHint')}
          required
          data={levelOptions(t)}
          value={values.level}
          onChange={(level) => onChange({ level })}
          error={errors.level}
        />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <DateField
          label={t('students.birthDate')}
          hint={birthDateHint}
          value={values.birthDate}
          onChange={(birthDate) => onChange({ birthDate })}
          error={errors.birthDate}
        />
        <Select
          label={t('students.gender')}
          description={t('students.optional')}
          placeholder={t('students.genderUnknown')}
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
          data={GENDERS.map((gender) => ({ value: gender, label: t(`genders.${gender}`) }))}
          value={values.gender}
          onChange={(gender) => onChange({ gender })}
          error={errors.gender}
        />
      </SimpleGrid>
    </>
  );
}
