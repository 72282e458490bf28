import { Badge, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TStudentDetail } from '../../../common/api/students.ts';
import { formatDate } from '../../../common/format.ts';
import { levelLabel } from './student-labels.ts';

/** One term and its value in a definition list. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" fw={700}>
        {label}
      </Text>
      <Text component="dd" m={0}>
        {children}
      </Text>
    </div>
  );
}

/** Whether an application is in force, in words on a badge (the colour only repeats it). */
export function ApplicationBadge({ inForce }: { inForce: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge color={inForce ? 'teal.9' : 'red.9'} variant={inForce ? 'filled' : 'outline'} tt="none" size="lg">
      {inForce ? t('students.applicationInForce') : t('students.applicationMissing')}
    </Badge>
  );
}

/** The facts at the top of the profile: class and level, age, school, status and the application. */
export function StudentHeader({ student }: { student: TStudentDetail }) {
  const { t } = useTranslation();
  const status = t(`studentStatuses.${student.status}`);
  return (
    <Group component="dl" gap="xl" m={0} align="flex-start" wrap="wrap">
      <Fact label={t('students.classLabel')}>{`${student.classLabel} (${levelLabel(t, student)})`}</Fact>
      <Fact label={t('students.age')}>
        {student.age === null ? t('students.ageUnknown') : t('students.ageValue', { count: student.age })}
      </Fact>
      <Fact label={t('students.school')}>{student.schoolName}</Fact>
      <Fact label={t('students.status')}>
        {student.statusDate ? `${status} (${formatDate(student.statusDate)})` : status}
      </Fact>
      <Fact label={t('students.application')}>
        <ApplicationBadge inForce={student.applicationInForce} />
      </Fact>
    </Group>
  );
}
