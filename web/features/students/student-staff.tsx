import { Button, Group, Paper, Select, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TStudentDetail } from '../../../common/api/students.ts';
import { type Role, STUDENT_ASSIGNED_ROLES } from '../../../common/roles.ts';
import { ErrorAlert, StatusMessage } from '../../components/feedback.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { fieldErrorsFrom } from '../../lib/form-errors.ts';
import { useCurrentUser } from '../auth/use-session.ts';
import { useAssignStaff, useSchoolUsers, useUnassignStaff } from './use-students.ts';

/** Roles that see only the students assigned to them. */
/** Staff who can be assigned to a student: those who see only assigned students (student.view_assigned). */
const ASSIGNABLE_ROLES: readonly Role[] = STUDENT_ASSIGNED_ROLES;

/** Staff assigned to the student (they see the student in their list); managers add and remove them. */
export function StudentStaff({ student }: { student: TStudentDetail }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  // Choosing someone needs the school's staff list (/api/users), hence the user-management ability too.
  const canAssign = student.can.assignStaff && me.can.manageUsers;
  const users = useSchoolUsers(student.schoolId, canAssign);
  const assign = useAssignStaff(student.id);
  const unassign = useUnassignStaff(student.id);
  const [userId, setUserId] = useState<string | null>(null);
  const [missing, setMissing] = useState<string | undefined>();
  const [message, setMessage] = useState<string | null>(null);
  const assigned = new Set(student.assignedStaff.map((staff) => staff.userId));
  const choices = (users.data?.items ?? [])
    .filter(
      (user) =>
        user.active && !assigned.has(user.id) && user.roles.some((role) => ASSIGNABLE_ROLES.includes(role)),
    )
    .map((user) => ({
      value: user.id,
      label: `${user.firstName} ${user.lastName} — ${[
        ...new Set(user.roles.filter((role) => ASSIGNABLE_ROLES.includes(role))),
      ]
        .map((role) => t(`roles.${role}`))
        .join(', ')}`,
    }));

  function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    if (!userId) {
      setMissing(t('errors.required'));
      return;
    }
    setMissing(undefined);
    assign.mutate(userId, {
      onSuccess: () => {
        setUserId(null);
        setMessage(t('students.staffAdded'));
      },
    });
  }

  function remove(staffId: string) {
    setMessage(null);
    unassign.mutate(staffId, { onSuccess: () => setMessage(t('students.staffRemoved')) });
  }

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="student-staff-title">
      <Title order={2} size="h3" id="student-staff-title" mb="md">
        {t('students.staffTitle')}
      </Title>
      <StatusMessage message={message} />
      <ErrorAlert error={unassign.error} />
      <Stack gap="lg">
        {student.assignedStaff.length === 0 ? (
          <Text>{t('students.staffNone')}</Text>
        ) : (
          <TableScroll label={t('students.staffCaption')}>
            <Table striped maw={640}>
              <caption>
                <VisuallyHidden>{t('students.staffCaption')}</VisuallyHidden>
              </caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('students.staffName')}</Table.Th>
                  {canAssign && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {student.assignedStaff.map((staff) => (
                  <Table.Tr key={staff.userId}>
                    <Table.Td>{staff.name}</Table.Td>
                    {canAssign && (
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="outline"
                          color="red.9"
                          aria-label={t('common.removeItem', { name: staff.name })}
                          loading={unassign.isPending && unassign.variables === staff.userId}
                          onClick={() => remove(staff.userId)}
                        >
                          {t('common.remove')}
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
        {canAssign && (
          <form onSubmit={submit} noValidate>
            <Stack gap="sm" maw={640}>
              <ErrorAlert error={assign.error ?? users.error} />
              <Select
                label={t('students.staffAdd')}
                description={t('students.staffAddHint')}
                searchable
                data={choices}
                value={userId}
                onChange={setUserId}
                error={missing ?? fieldErrorsFrom(assign.error).userId}
                nothingFoundMessage={t('students.staffNoMatch')}
              />
              <Group>
                <Button type="submit" loading={assign.isPending}>
                  {t('students.staffAddSubmit')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
