import { Anchor, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TTask } from '../../../common/api/tasks.ts';
import { formatDate } from '../../../common/format.ts';
import { ErrorAlert, StatusMessage } from '../../components/feedback.tsx';
import { taskTitle } from './task-title.ts';
import { useSetTaskDone } from './use-tasks.ts';

/** Who does the task: a person, or a role at an organisation. */
function assignee(task: TTask, t: (key: string, o?: Record<string, unknown>) => string): string {
  if (task.assigneeName) return task.assigneeName;
  return t('tasks.roleAt', { role: t(`roles.${task.assigneeRole}`), organisation: task.organisationName });
}

/** One task as a card: title, due date (overdue marked in words, not only colour), who, student, action. */
function TaskCard({
  task,
  showStudent,
  onChanged,
}: {
  task: TTask;
  showStudent: boolean;
  onChanged: (m: string) => void;
}) {
  const { t } = useTranslation();
  const setDone = useSetTaskDone();
  const title = taskTitle(task, t);
  return (
    <Paper
      component="li"
      withBorder
      p="md"
      style={task.overdue ? { borderLeft: '4px solid var(--mantine-color-red-8)' } : undefined}
    >
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <Text fw={700} style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Text>
          {task.overdue && (
            <Badge color="red.9" variant="filled" tt="none">
              {t('tasks.overdue')}
            </Badge>
          )}
        </Group>
        <Text fz="sm">
          {t('tasks.colDue')}: {formatDate(task.dueOn)} · {t('tasks.colWho')}: {assignee(task, t)}
        </Text>
        {showStudent && (task.student || task.plan) && (
          <Text fz="sm">
            {t('tasks.colStudent')}:{' '}
            {task.student &&
              (task.student.name ? (
                <Anchor component={Link} to={`/students/${task.student.id}`} fz="sm">
                  {task.student.name}
                </Anchor>
              ) : (
                t('tasks.studentHidden')
              ))}
            {task.plan?.code && (
              <>
                {task.student ? ' · ' : ''}
                <Anchor component={Link} to={`/plans/${task.plan.id}`} fz="sm">
                  {task.plan.code}
                </Anchor>
              </>
            )}
          </Text>
        )}
        {task.status === 'done' && (
          <Text fz="sm">
            {t('tasks.doneOn', { date: formatDate(task.doneAt) })}
            {', '}
            {task.doneAutomatically
              ? t('tasks.doneAutomatically')
              : t('tasks.doneBy', { name: task.doneByName ?? '' })}
          </Text>
        )}
        <ErrorAlert error={setDone.error} />
        {(task.can.complete || task.can.reopen) && (
          <Group>
            <Button
              size="xs"
              variant={task.can.complete ? 'filled' : 'default'}
              loading={setDone.isPending}
              aria-label={t(task.can.complete ? 'tasks.markDoneOf' : 'tasks.reopenOf', { title })}
              onClick={() =>
                setDone.mutate(
                  { id: task.id, done: task.can.complete },
                  {
                    onSuccess: () => onChanged(t(task.can.complete ? 'tasks.markedDone' : 'tasks.reopened')),
                  },
                )
              }
            >
              {t(task.can.complete ? 'tasks.markDone' : 'tasks.reopen')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}

/** A list of tasks (open first as the server orders them), with a polite status line after changes. */
export function TaskList({
  tasks,
  showStudent,
  label,
}: {
  tasks: TTask[];
  showStudent: boolean;
  label: string;
}) {
  const [message, setMessage] = useState<string | null>(null);
  return (
    <Stack gap="sm">
      <StatusMessage message={message} />
      <Stack component="ul" gap="sm" aria-label={label} p={0} m={0} style={{ listStyle: 'none' }}>
        {tasks.map((task) => (
          <TaskCard key={task.id} task={task} showStudent={showStudent} onChanged={setMessage} />
        ))}
      </Stack>
    </Stack>
  );
}
