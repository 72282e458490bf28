import { Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TTimesheet } from '../../../common/api/support.ts';
import { TableScroll } from '../../components/table-scroll.tsx';
import { formatHours } from '../support/support-labels.ts';

type Row = TTimesheet['rows'][number];
const HOUR_COLUMNS = [
  'confirmedHours',
  'unconfirmedHours',
  'preparationHours',
  'supervisionHours',
  'adjustmentHours',
  'totalHours',
] as const satisfies readonly (keyof Row)[];

/** Hours per provider of the month, one row each, with the school's totals at the foot. */
export function TimesheetTable({ timesheet, caption }: { timesheet: TTimesheet; caption: string }) {
  const { t } = useTranslation();
  if (timesheet.rows.length === 0) return <Text>{t('timesheets.empty')}</Text>;
  const sum = (key: (typeof HOUR_COLUMNS)[number]) => timesheet.rows.reduce((a, r) => a + r[key], 0);
  const sessions = timesheet.rows.reduce((a, r) => a + r.sessions, 0);

  return (
    <TableScroll label={caption} minWidth={820}>
      <Table striped verticalSpacing="sm" highlightOnHover>
        <caption>
          <VisuallyHidden>{caption}</VisuallyHidden>
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('timesheets.provider')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('timesheets.sessions')}
            </Table.Th>
            {HOUR_COLUMNS.map((key) => (
              <Table.Th scope="col" ta="right" key={key}>
                {t(`timesheets.columns.${key}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {timesheet.rows.map((row) => (
            <Table.Tr key={row.providerId}>
              <Table.Th scope="row" fw={600}>
                {row.providerName}
              </Table.Th>
              <Table.Td ta="right">{row.sessions}</Table.Td>
              {HOUR_COLUMNS.map((key) => (
                <Table.Td ta="right" key={key} fw={key === 'totalHours' ? 700 : undefined}>
                  {formatHours(row[key])}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row">{t('timesheets.total')}</Table.Th>
            <Table.Td ta="right" fw={700}>
              {sessions}
            </Table.Td>
            {HOUR_COLUMNS.map((key) => (
              <Table.Td ta="right" fw={700} key={key}>
                {formatHours(sum(key))}
              </Table.Td>
            ))}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </TableScroll>
  );
}

/** The preparation, supervision and adjustment entries of the month, with who, plan, hours and reason. */
export function TimesheetEntries({ timesheet }: { timesheet: TTimesheet }) {
  const { t } = useTranslation();
  if (timesheet.entries.length === 0) return <Text>{t('timesheets.noEntries')}</Text>;
  return (
    <TableScroll label={t('timesheets.entriesTitle')} minWidth={640}>
      <Table verticalSpacing="xs">
        <caption>
          <VisuallyHidden>{t('timesheets.entriesTitle')}</VisuallyHidden>
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('timesheets.provider')}</Table.Th>
            <Table.Th scope="col">{t('timesheets.kind')}</Table.Th>
            <Table.Th scope="col">{t('timesheets.plan')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('timesheets.hours')}
            </Table.Th>
            <Table.Th scope="col">{t('timesheets.reason')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {timesheet.entries.map((entry) => (
            <Table.Tr key={entry.id}>
              <Table.Td>{entry.providerName}</Table.Td>
              <Table.Td>{t(`timesheets.kinds.${entry.adjustment ? 'adjustment' : entry.kind}`)}</Table.Td>
              <Table.Td>{entry.planCode ?? t('common.none')}</Table.Td>
              <Table.Td ta="right">{formatHours(entry.hours)}</Table.Td>
              <Table.Td>{entry.reason ?? t('common.none')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
