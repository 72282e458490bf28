import { Anchor, Group, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CountLink } from '../../components/count-link.tsx';
import { useCurrentUser } from '../auth/use-session.ts';
import { useWatchListSummary } from './use-watch-list.ts';

/** The start page's card for roles with the watch list: this semester's counts and a link to the list. */
export function WatchListSummaryCard() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const allowed = me.can.viewWatchList;
  const summary = useWatchListSummary(allowed);
  if (!allowed) return null;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="home-watch-list" maw={720}>
      <Title order={2} id="home-watch-list" size="h3" mb="sm">
        {t('watchList.title')}
      </Title>
      {summary.isPending && <Text>{t('common.loading')}</Text>}
      {summary.isError && <Text>{t('errors.loadFailed')}</Text>}
      {summary.data && (
        <Group component="dl" gap="xl" m={0} mb="md" align="flex-start">
          <CountLink label={t('watchList.summaryFlagged')} value={summary.data.flagged} to="/watch-list" />
          <CountLink
            label={t('watchList.summaryUnassessed')}
            value={summary.data.unassessed}
            to="/watch-list?onlyUnassessed=true"
          />
          <CountLink
            label={t('watchList.summaryLegalDuty')}
            value={summary.data.legalDutyOpen}
            to="/watch-list?legalDuty=open"
          />
        </Group>
      )}
      <Anchor component={Link} to="/watch-list" fw={500}>
        {t('watchList.open')}
      </Anchor>
    </Paper>
  );
}
