import { Anchor, Group, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CountLink } from '../../components/count-link.tsx';
import { useCurrentUser } from '../auth/use-session.ts';
import { useTaskCounts } from './use-tasks.ts';

/** The start page's "my tasks" card for every role that has tasks: open and overdue, linking to the list. */
export function TaskCounterCard() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const allowed = me.can.viewTasks;
  const counts = useTaskCounts(allowed);
  if (!allowed) return null;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="home-tasks" maw={720}>
      <Title order={2} id="home-tasks" size="h3" mb="sm">
        {t('tasks.counterTitle')}
      </Title>
      {counts.isPending && <Text>{t('common.loading')}</Text>}
      {counts.isError && <Text>{t('errors.loadFailed')}</Text>}
      {counts.data && (
        <Group component="dl" gap="xl" m={0} mb="md" align="flex-start">
          <CountLink label={t('tasks.counterOpen')} value={counts.data.open} to="/tasks" />
          <CountLink label={t('tasks.counterOverdue')} value={counts.data.overdue} to="/tasks" />
        </Group>
      )}
      <Anchor component={Link} to="/tasks" fw={500}>
        {t('tasks.counterLink')}
      </Anchor>
    </Paper>
  );
}
