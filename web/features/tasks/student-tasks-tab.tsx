import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, LoadingState, StatusMessage } from '../../components/feedback.tsx';
import { useCurrentUser } from '../auth/use-session.ts';
import { TaskCreateDialog } from './task-create-dialog.tsx';
import { TaskList } from './task-list.tsx';
import { useStudentTasks } from './use-tasks.ts';

/** The student page's "Tasks" tab: the tasks about the student the caller may see, and a new one. */
export function StudentTasksTab({ studentId }: { studentId: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const list = useStudentTasks(studentId);
  const [creating, setCreating] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="student-tasks-title">
      <Stack gap="md">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3" id="student-tasks-title">
            {t('tasks.studentTitle')}
          </Title>
          {me.can.viewTasks && <Button onClick={() => setCreating(true)}>{t('tasks.new')}</Button>}
        </Group>
        <StatusMessage message={message} />
        {list.isPending && <LoadingState />}
        {list.isError && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
        {list.data && list.data.items.length === 0 && <Text>{t('tasks.studentNone')}</Text>}
        {list.data && list.data.items.length > 0 && (
          <TaskList tasks={list.data.items} showStudent={false} label={t('tasks.studentTitle')} />
        )}
      </Stack>
      {me.can.viewTasks && (
        <TaskCreateDialog
          opened={creating}
          studentId={studentId}
          onClose={() => setCreating(false)}
          onCreated={() => {
            setCreating(false);
            setMessage(t('tasks.created'));
          }}
        />
      )}
    </Paper>
  );
}
