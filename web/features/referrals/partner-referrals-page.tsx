import { Anchor, SegmentedControl, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate, formatDateTime } from '../../../common/format.ts';
import { LoadError, LoadingState } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { ReferralStatusBadge } from './referral-card.tsx';
import { usePartnerReferrals } from './use-referrals.ts';

/** The partner's list: the referrals addressed to the institution (open ones, or all). */
export function PartnerReferralsPage() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const list = usePartnerReferrals(status);
  return (
    <Stack gap="lg">
      <PageHeading>{t('referrals.inboxTitle')}</PageHeading>
      <SegmentedControl
        aria-label={t('referrals.filter')}
        value={status}
        onChange={(v) => setStatus(v as 'open' | 'all')}
        data={[
          { value: 'open', label: t('referrals.filterOpen') },
          { value: 'all', label: t('referrals.filterAll') },
        ]}
        maw={360}
      />
      {list.isPending && <LoadingState />}
      {list.isError && <LoadError error={list.error} onRetry={() => void list.refetch()} />}
      {list.data &&
        (list.data.items.length === 0 ? (
          <Text>{t('referrals.inboxEmpty')}</Text>
        ) : (
          <TableScroll label={t('referrals.inboxCaption')} minWidth={760}>
            <Table striped>
              <caption>
                <VisuallyHidden>{t('referrals.inboxCaption')}</VisuallyHidden>
              </caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('referrals.code')}</Table.Th>
                  <Table.Th scope="col">{t('referrals.status')}</Table.Th>
                  <Table.Th scope="col">{t('referrals.dueOn')}</Table.Th>
                  <Table.Th scope="col">{t('referrals.school')}</Table.Th>
                  <Table.Th scope="col">{t('referrals.sentAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/referrals/${r.id}`}>
                        {r.code}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <ReferralStatusBadge referral={r} />
                    </Table.Td>
                    <Table.Td>{formatDate(r.dueOn)}</Table.Td>
                    <Table.Td>{r.schoolName}</Table.Td>
                    <Table.Td>{formatDateTime(r.sentAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        ))}
    </Stack>
  );
}
