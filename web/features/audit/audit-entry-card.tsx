import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TAuditSummary } from '../../../common/api/audit-summary.ts';
import { CountLink } from '../../components/count-link.tsx';
import { api } from '../../lib/api.ts';
import { useCurrentUser } from '../auth/use-session.ts';

/**
 * The start page's entry to the audit log for those whose work is reading it (the auditor: the audit
 * log but no tasks): counts of the last 7 days and links that open the log filtered the same way.
 * Counts only, no names: students appear in the log itself only as pseudonyms for the auditor.
 */
export function AuditEntryCard() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const shown = me.can.viewAudit && !me.can.viewTasks;
  const summary = useQuery({
    queryKey: ['audit', 'summary'],
    queryFn: () => api.get<TAuditSummary>('/api/audit/summary'),
    enabled: shown,
  });
  if (!shown) return null;
  const from = summary.data?.from;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="home-audit" maw={720}>
      <Title order={2} id="home-audit" size="h3" mb="sm">
        {t('tasks.auditTitle')}
      </Title>
      <Text mb="md">{t('tasks.auditIntro')}</Text>
      {summary.isPending && <Text>{t('common.loading')}</Text>}
      {summary.isError && <Text>{t('errors.loadFailed')}</Text>}
      {summary.data && (
        <Group component="dl" gap="xl" m={0} mb="md" align="flex-start">
          <CountLink label={t('tasks.auditEvents')} value={summary.data.events} to={`/audit?from=${from}`} />
          <CountLink
            label={t('tasks.auditDenied')}
            value={summary.data.denied}
            to={`/audit?outcome=denied&from=${from}`}
          />
          {summary.data.signIns !== null && (
            <CountLink
              label={t('tasks.auditSignIns')}
              value={summary.data.signIns}
              to={`/audit?action=auth.login&from=${from}`}
            />
          )}
        </Group>
      )}
      <Stack gap={4}>
        <Anchor component={Link} to="/audit" fw={500}>
          {t('tasks.auditOpen')}
        </Anchor>
        <Anchor component={Link} to="/audit?outcome=denied" fw={500}>
          {t('tasks.auditOpenDenied')}
        </Anchor>
      </Stack>
    </Paper>
  );
}
