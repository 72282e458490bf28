import { Button, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { TaskStatus } from '../../../common/api/tasks.ts';
import { LoadError, LoadingState, StatusMessage } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TaskCreateDialog } from './task-create-dialog.tsx';
import { TaskList } from './task-list.tsx';
import { useMyTasks } from './use-tasks.ts';

/** "My tasks": open (overdue marked) or done, and a dialog to make one. The filter is kept in the address. */
export function TasksPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status: TaskStatus = params.get('status') === 'done' ? 'done' : 'open';
  const list = useMyTasks(status);
  const [creating, setCreating] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  return (
    <Stack gap="md">
      <PageHeading>{t('tasks.title')}</PageHeading>
      <Text>{t('tasks.intro')}</Text>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <SegmentedControl
          aria-label={t('tasks.filterLabel')}
          value={status}
          onChange={(v) => {
            setMessage(null);
            setParams(v === 'done' ? { status: 'done' } : {}, { replace: true });
          }}
          data={[
            {
              value: 'open',
              label:
                list.data && status === 'open'
                  ? `${t('tasks.showOpen')} (${list.data.counts.open})`
                  : t('tasks.showOpen'),
            },
            { value: 'done', label: t('tasks.showDone') },
          ]}
        />
        <Button onClick={() => setCreating(true)}>{t('tasks.new')}</Button>
      </Group>
      <StatusMessage message={message} />
      {list.isPending && <LoadingState />}
      {list.isError && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.items.length === 0 && (
        <Text>{t(status === 'open' ? 'tasks.none' : 'tasks.noneDone')}</Text>
      )}
      {list.data && list.data.items.length > 0 && (
        <TaskList tasks={list.data.items} showStudent label={t('tasks.caption')} />
      )}
      <TaskCreateDialog
        opened={creating}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          setMessage(t('tasks.created'));
        }}
      />
    </Stack>
  );
}
