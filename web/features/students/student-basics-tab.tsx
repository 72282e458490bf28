import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TStudentDetail } from '../../../common/api/students.ts';
import { formatDate } from '../../../common/format.ts';
import { ErrorAlert } from '../../components/feedback.tsx';
import { StudentPinForm } from '../support/student-pin-form.tsx';
import { StudentEditForm } from './student-edit-form.tsx';
import { Fact } from './student-header.tsx';
import { StudentMoveForm } from './student-move-form.tsx';
import { StudentStaff } from './student-staff.tsx';
import { StudentStatusForm } from './student-status-form.tsx';
import { useRevealCode } from './use-students.ts';

/** The personal code masked, and in full only after an explicit, audited request. */
function PersonalCode({ student }: { student: TStudentDetail }) {
  const { t } = useTranslation();
  const reveal = useRevealCode(student.id);
  const full = reveal.data?.personalCode;
  return (
    <div>
      <Text component="dt" fw={700}>
        {t('students.personalCode')}
      </Text>
      <Text component="dd" m={0}>
        <Group gap="sm" wrap="wrap">
          <Text span ff="monospace" fz="inherit" aria-live="polite">
            {full ?? student.personalCodeMasked}
          </Text>
          {student.can.revealCode && !full && (
            <Button size="xs" variant="outline" onClick={() => reveal.mutate()} loading={reveal.isPending}>
              {t('students.revealCode')}
            </Button>
          )}
        </Group>
        {student.can.revealCode && !full && (
          <Text size="sm" c="dimmed" mt={4}>
            {t('students.revealCodeHint')}
          </Text>
        )}
        {student.personalCodeWarning && (
          <Text size="sm" mt={4}>
            {t('students.personalCodeWarning')}
          </Text>
        )}
        <ErrorAlert error={reveal.error} />
      </Text>
    </div>
  );
}

/** The "Basic data" tab: the record, and for managers the forms to edit, change status, move and assign staff. */
export function StudentBasicsTab({ student }: { student: TStudentDetail }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xl">
      <Paper withBorder p="lg" component="section" aria-labelledby="student-facts-title">
        <Title order={2} size="h3" id="student-facts-title" mb="md">
          {t('students.factsTitle')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} component="dl" m={0}>
          <PersonalCode student={student} />
          <Fact label={t('students.birthDate')}>{formatDate(student.birthDate) || t('common.none')}</Fact>
          <Fact label={t('students.gender')}>
            {student.gender ? t(`genders.${student.gender}`) : t('common.none')}
          </Fact>
          {student.statusReason && <Fact label={t('students.statusReason')}>{student.statusReason}</Fact>}
        </SimpleGrid>
      </Paper>
      {student.can.edit && <StudentEditForm student={student} />}
      {student.can.edit && <StudentStatusForm student={student} />}
      <StudentStaff student={student} />
      {student.can.move && <StudentMoveForm student={student} />}
      <StudentPinForm studentId={student.id} maySet={student.can.setPin} />
    </Stack>
  );
}
