import { Anchor, Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { TCreateStudentBody } from '../../../common/api/students.ts';
import { formatDate } from '../../../common/format.ts';
import { parsePersonalCode } from '../../../common/personal-code.ts';
import { ErrorAlert } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { type FieldErrors, fieldErrorsFrom } from '../../lib/form-errors.ts';
import { personalCodeProblem } from './personal-code-error.ts';
import {
  levelFromValue,
  missingStudentFields,
  StudentFields,
  type StudentFormValues,
  withLevelError,
} from './student-fields.tsx';
import { useStudentSchools } from './student-schools.ts';
import { useCreateStudent } from './use-students.ts';

const EMPTY: StudentFormValues = {
  firstName: '',
  lastName: '',
  classLabel: '',
  level: null,
  birthDate: null,
  gender: null,
};

/** Registers one student at a school the user manages; the profile opens afterwards. */
export function StudentNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { managedSchools } = useStudentSchools();
  const create = useCreateStudent();
  const [values, setValues] = useState<StudentFormValues>(EMPTY);
  const [personalCode, setPersonalCode] = useState('');
  const [chosenSchoolId, setSchoolId] = useState<string | null>(null);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const schoolId = managedSchools.length === 1 ? managedSchools[0].id : chosenSchoolId;
  const errors = withLevelError({ ...fieldErrorsFrom(create.error), ...clientErrors });
  const parsedCode = parsePersonalCode(personalCode);
  const codeDate = parsedCode.ok ? parsedCode.birthDate : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems = missingStudentFields(values, t('errors.required'));
    const codeProblem = personalCodeProblem(t, parsedCode);
    if (codeProblem) problems.personalCode = codeProblem;
    if (!schoolId) problems.schoolId = t('errors.required');
    if (codeDate && values.birthDate && values.birthDate !== codeDate) {
      problems.birthDate = t('students.birthDateMismatch');
    }
    setClientErrors(problems);
    if (Object.keys(problems).length > 0 || !schoolId || !parsedCode.ok) return;
    const body: TCreateStudentBody = {
      personalCode: parsedCode.normalized,
      firstName: values.firstName.trim(),
      lastName: values.lastName.trim(),
      classLabel: values.classLabel.trim(),
      schoolId,
      gender: (values.gender as TCreateStudentBody['gender']) ?? null,
      ...levelFromValue(values.level),
      ...(values.birthDate && !codeDate ? { birthDate: values.birthDate } : {}),
    };
    create.mutate(body, {
      onSuccess: (student) => navigate(`/students/${student.id}`, { state: { created: true } }),
    });
  }

  return (
    <>
      <Anchor component={Link} to="/students" mb="sm" display="inline-block">
        {t('students.backToList')}
      </Anchor>
      <PageHeading>{t('students.new')}</PageHeading>
      <Paper withBorder p="lg" maw={760}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <ErrorAlert error={create.error} />
            {managedSchools.length === 1 ? (
              <Text>
                <Text span fw={700}>
                  {t('students.school')}:
                </Text>{' '}
                {managedSchools[0].name}
              </Text>
            ) : (
              <Select
                label={t('students.school')}
                required
                searchable
                data={managedSchools.map((school) => ({ value: school.id, label: school.name }))}
                value={chosenSchoolId}
                onChange={setSchoolId}
                error={errors.schoolId}
                nothingFoundMessage={t('organisations.noMatch')}
              />
            )}
            <TextInput
              label={t('students.personalCode')}
              description={
                parsedCode.ok && parsedCode.warnings.length > 0
                  ? t('students.personalCodeWarning')
                  : t('students.personalCodeHint')
              }
              required
              autoComplete="off"
              inputMode="numeric"
              value={personalCode}
              onChange={(event) => setPersonalCode(event.currentTarget.value)}
              error={errors.personalCode}
            />
            <StudentFields
              values={values}
              errors={errors}
              onChange={(changes) => setValues((current) => ({ ...current, ...changes }))}
              birthDateHint={
                codeDate
                  ? t('students.birthDateFromCode', { date: formatDate(codeDate) })
                  : t('students.birthDateOptional')
              }
            />
            <Group justify="flex-end">
              <Button variant="default" component={Link} to="/students">
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('students.createSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
