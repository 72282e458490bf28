import { Anchor, Group, List, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../common/format.ts';
import { useCurrentUser } from '../auth/use-session.ts';
import { usePartnerReferrals } from './use-referrals.ts';

/** A count with its label, as a description list entry. */
function Count({ label, value }: { label: string; value: number }) {
  return (
    <div>
      <Text component="dt" fz="sm">
        {label}
      </Text>
      <Text component="dd" m={0} fz={28} fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
    </div>
  );
}

/** The partner's start page: the institution's open referrals with counts, each a link to its page. */
export function PartnerInboxCard() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const allowed = me.can.viewPartnerReferrals;
  const inbox = usePartnerReferrals('open', allowed);
  if (!allowed) return null;
  const c = inbox.data?.counts;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="home-referrals" maw={720}>
      <Title order={2} id="home-referrals" size="h3" mb="sm">
        {t('referrals.inboxTitle')}
      </Title>
      {inbox.isPending && <Text>{t('common.loading')}</Text>}
      {inbox.isError && <Text>{t('errors.loadFailed')}</Text>}
      {c && inbox.data && (
        <>
          <Group component="dl" gap="xl" m={0} mb="md" align="flex-start">
            <Count label={t('referrals.statuses.sent')} value={c.sent} />
            <Count label={t('referrals.statuses.received')} value={c.received} />
            <Count label={t('referrals.statuses.in_progress')} value={c.in_progress} />
            <Count label={t('referrals.overdue')} value={c.overdue} />
          </Group>
          {inbox.data.items.length === 0 ? (
            <Text mb="sm">{t('referrals.inboxEmpty')}</Text>
          ) : (
            <List mb="sm">
              {inbox.data.items.slice(0, 10).map((r) => (
                <List.Item key={r.id}>
                  <Anchor component={Link} to={`/referrals/${r.id}`}>
                    {r.code}
                  </Anchor>{' '}
                  {t('referrals.inboxLine', {
                    status: t(`referrals.statuses.${r.status}`),
                    due: formatDate(r.dueOn),
                    school: r.schoolName,
                  })}
                  {r.urgency === 'urgent' ? ` — ${t('referrals.urgencies.urgent')}` : ''}
                </List.Item>
              ))}
            </List>
          )}
        </>
      )}
      <Anchor component={Link} to="/referrals" fw={500}>
        {t('referrals.inboxOpen')}
      </Anchor>
    </Paper>
  );
}
