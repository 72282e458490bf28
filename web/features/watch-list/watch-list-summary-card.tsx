import { Anchor, Group, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentUser } from '../auth/use-session.ts';
import { useWatchListSummary } from './use-watch-list.ts';

/** A count that opens the list filtered to exactly the students it counts. */
function Count({ label, value, to }: { label: string; value: number; to: string }) {
  return (
    <div>
      <Text component="dt" fz="sm">
        {label}
      </Text>
      <Text component="dd" m={0} fz={28} fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
        <Anchor component={Link} to={to} fz="inherit" fw={700} aria-label={`${label}: ${value}`}>
          {value}
        </Anchor>
      </Text>
    </div>
  );
}

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
          <Count label={t('watchList.summaryFlagged')} value={summary.data.flagged} to="/watch-list" />
          <Count
            label={t('watchList.summaryUnassessed')}
            value={summary.data.unassessed}
            to="/watch-list?onlyUnassessed=true"
          />
          <Count
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
