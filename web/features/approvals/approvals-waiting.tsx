import { Anchor, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentUser } from '../auth/use-session.ts';
import { useApprovalQueue } from './use-approvals.ts';

/** On the start page of an approver: how many plans wait for them, with a link to the queue. */
export function ApprovalsWaiting() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const approver = me.can.approvePlans;
  const queue = useApprovalQueue(null, 1, approver);
  if (!approver) return null;
  const total = queue.data?.total ?? 0;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="home-approvals" maw={720}>
      <Title order={2} id="home-approvals" size="h3" mb="sm">
        {t('approvals.title')}
      </Title>
      {queue.isPending ? (
        <Text>{t('common.loading')}</Text>
      ) : (
        <Text mb="sm" fw={total > 0 ? 700 : 400}>
          {total > 0 ? t('approvals.waitingCount', { count: total }) : t('approvals.empty')}
        </Text>
      )}
      <Anchor component={Link} to="/approvals">
        {t('approvals.openQueue')}
      </Anchor>
    </Paper>
  );
}
