import { Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../common/format.ts';
import { LoadError, LoadingState } from '../../components/feedback.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { clearedTotals, erasureReasonLabel } from './erasure-labels.ts';
import { useErasureLog } from './use-privacy.ts';

/** The newest erasures: when, which school, request or retention, why, who, and how much was cleared. */
export function ErasureLogSection() {
  const { t } = useTranslation();
  const log = useErasureLog();
  if (log.isPending) return <LoadingState />;
  if (log.isError) return <LoadError error={log.error} onRetry={() => void log.refetch()} />;
  return (
    <Stack gap="sm">
      <Text maw={800}>{t('privacy.erasuresIntro')}</Text>
      {log.data.items.length === 0 ? (
        <Text>{t('privacy.erasuresNone')}</Text>
      ) : (
        <TableScroll label={t('privacy.erasuresCaption')} minWidth={820}>
          <Table striped>
            <Table.Caption>{t('privacy.erasuresCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('privacy.colDate')}</Table.Th>
                <Table.Th scope="col">{t('privacy.colSchool')}</Table.Th>
                <Table.Th scope="col">{t('privacy.colTrigger')}</Table.Th>
                <Table.Th scope="col">{t('privacy.colReason')}</Table.Th>
                <Table.Th scope="col">{t('privacy.colWho')}</Table.Th>
                <Table.Th scope="col">{t('privacy.colCleared')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {log.data.items.map((row) => {
                const totals = clearedTotals(row.cleared);
                return (
                  <Table.Tr key={row.id}>
                    <Table.Td>{formatDateTime(row.erasedAt)}</Table.Td>
                    <Table.Td>{row.orgName}</Table.Td>
                    <Table.Td>{t(`privacy.triggers.${row.trigger}`)}</Table.Td>
                    <Table.Td>{erasureReasonLabel(row.reason, t)}</Table.Td>
                    <Table.Td>{row.erasedByName ?? t('privacy.byJob')}</Table.Td>
                    <Table.Td>
                      {t('privacy.clearedValues', { count: totals.values })}
                      {' · '}
                      {t('privacy.clearedColumns', { count: totals.columns })}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Stack>
  );
}
