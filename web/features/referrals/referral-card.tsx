import { Anchor, Badge, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TReferral } from '../../../common/api/referrals.ts';
import { formatDate, formatDateTime } from '../../../common/format.ts';

/** The colour of a status badge (dark shades pass the contrast check). */
const STATUS_COLOURS: Record<TReferral['status'], string> = {
  sent: 'blue.9',
  received: 'indigo.9',
  in_progress: 'violet.9',
  answered: 'teal.9',
  closed: 'gray.8',
  withdrawn: 'gray.8',
};

/** A referral's status as a badge. */
export function ReferralStatusBadge({ referral }: { referral: TReferral }) {
  const { t } = useTranslation();
  return (
    <Group gap={6}>
      <Badge color={STATUS_COLOURS[referral.status]} variant="filled">
        {t(`referrals.statuses.${referral.status}`)}
      </Badge>
      {referral.urgency === 'urgent' && (
        <Badge color="red.9" variant="filled">
          {t('referrals.urgencies.urgent')}
        </Badge>
      )}
      {referral.overdue && (
        <Badge color="orange.9" variant="filled">
          {t('referrals.overdue')}
        </Badge>
      )}
    </Group>
  );
}

/**
 * One referral as the school sees it on the student page (and the partner at the top of its page):
 * to whom, why, what was shared, the deadline, the status history, the response and its file.
 */
export function ReferralCard({ referral: r, actions }: { referral: TReferral; actions?: ReactNode }) {
  const { t } = useTranslation();
  const headingId = `referral-${r.id}`;
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap">
          <Title order={3} size="h4" id={headingId}>
            {t('referrals.cardTitle', { code: r.code, partner: r.partner.name })}
          </Title>
          <ReferralStatusBadge referral={r} />
        </Group>
        <Text size="sm">
          {t('referrals.sentLine', {
            at: formatDateTime(r.sentAt),
            by: r.sentByName,
            due: formatDate(r.dueOn),
          })}
        </Text>
        {r.measureLabel && <Text size="sm">{t('referrals.measureLine', { measure: r.measureLabel })}</Text>}
        {r.reason !== null && (
          <div>
            <Text fw={600} size="sm">
              {t('referrals.reason')}
            </Text>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{r.reason}</Text>
          </div>
        )}
        <Text size="sm">
          {t('referrals.sharedItems', { items: r.items.map((i) => t(`referrals.items.${i}`)).join(', ') })}
        </Text>
        {r.response !== null && (
          <div>
            <Text fw={600} size="sm">
              {t('referrals.response')}
            </Text>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{r.response}</Text>
          </div>
        )}
        {r.attachment && (
          <Anchor href={`/api/referrals/${encodeURIComponent(r.id)}/attachment`} download>
            {t('referrals.attachmentDownload', { name: r.attachment.fileName })}
          </Anchor>
        )}
        <details>
          <summary>{t('referrals.history')}</summary>
          <List size="sm" mt="xs">
            {r.events.map((e) => (
              <List.Item key={`${e.status}-${e.at}`}>
                {t('referrals.eventLine', {
                  at: formatDateTime(e.at),
                  status: t(`referrals.statuses.${e.status}`),
                  by: e.byName ?? '',
                })}
              </List.Item>
            ))}
          </List>
        </details>
        {actions}
      </Stack>
    </Paper>
  );
}
