import { Paper, Select, SimpleGrid, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { formatDate } from '../../../common/format.ts';
import { LoadError, LoadingState } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { formatHours, measureLabel, shortTime } from '../support/support-labels.ts';
import { currentMonth, monthLabel, monthOptions } from './month-options.ts';
import { useMyTimesheet } from './use-my-timesheet.ts';

/**
 * "Mans darba laiks": a provider's own month — hours per plan measure, the sessions still awaiting a
 * student's confirmation and the last day for it, and the preparation or supervision entries.
 */
export function MyTimesheetPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const month = params.get('month') ?? currentMonth();
  const mine = useMyTimesheet(month);
  const months = monthOptions(t);
  if (!months.some((m) => m.value === month)) months.push({ value: month, label: monthLabel(t, month) });
  const label = monthLabel(t, month);

  return (
    <Stack gap="lg">
      <PageHeading>{t('timesheets.mine.title')}</PageHeading>
      <Text>{t('timesheets.mine.intro')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }} maw={720}>
        <Select
          label={t('timesheets.month')}
          allowDeselect={false}
          data={months}
          value={month}
          onChange={(value) => value && setParams(new URLSearchParams({ month: value }), { replace: true })}
        />
      </SimpleGrid>
      {mine.isPending ? (
        <LoadingState />
      ) : mine.isError ? (
        <LoadError error={mine.error} onRetry={() => void mine.refetch()} />
      ) : (
        <>
          <Paper withBorder p="lg" component="section" aria-labelledby="my-hours-title">
            <Title order={2} size="h3" id="my-hours-title" mb="sm">
              {t('timesheets.mine.hoursTitle', { month: label })}
            </Title>
            <Text mb="sm">
              {t('timesheets.mine.summary', {
                confirmed: formatHours(mine.data.confirmedHours),
                unconfirmed: formatHours(mine.data.unconfirmedHours),
                entries: formatHours(mine.data.entryHours),
                total: formatHours(mine.data.totalHours),
              })}
            </Text>
            {mine.data.measures.length === 0 ? (
              <Text>{t('timesheets.mine.noSessions')}</Text>
            ) : (
              <TableScroll label={t('timesheets.mine.hoursTitle', { month: label })} minWidth={640}>
                <Table striped verticalSpacing="sm">
                  <caption>
                    <VisuallyHidden>{t('timesheets.mine.hoursTitle', { month: label })}</VisuallyHidden>
                  </caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('timesheets.plan')}</Table.Th>
                      <Table.Th scope="col">{t('timesheets.mine.student')}</Table.Th>
                      <Table.Th scope="col">{t('timesheets.mine.measure')}</Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('timesheets.sessions')}
                      </Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('timesheets.columns.confirmedHours')}
                      </Table.Th>
                      <Table.Th scope="col" ta="right">
                        {t('timesheets.columns.unconfirmedHours')}
                      </Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {mine.data.measures.map((m) => (
                      <Table.Tr key={`${m.planId}-${m.measureId}-${m.studentName}`}>
                        <Table.Td>
                          <Link to={`/plans/${m.planId}`}>{m.planCode}</Link>
                        </Table.Td>
                        <Table.Td>{m.studentName}</Table.Td>
                        <Table.Td>{measureLabel(t, m.subject ?? m.consultationType ?? '')}</Table.Td>
                        <Table.Td ta="right">{m.sessions}</Table.Td>
                        <Table.Td ta="right">{formatHours(m.confirmedHours)}</Table.Td>
                        <Table.Td ta="right">{formatHours(m.unconfirmedHours)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </TableScroll>
            )}
          </Paper>
          <Paper withBorder p="lg" component="section" aria-labelledby="my-awaiting-title">
            <Title order={2} size="h3" id="my-awaiting-title" mb="sm">
              {t('timesheets.mine.awaitingTitle')}
            </Title>
            {mine.data.awaiting.length === 0 ? (
              <Text>{t('timesheets.mine.noneAwaiting')}</Text>
            ) : (
              <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {mine.data.awaiting.map((s) => (
                  <li key={s.sessionId}>
                    <Text>
                      {t('timesheets.mine.awaitingRow', {
                        date: formatDate(s.onDate),
                        time: shortTime(s.startTime),
                        hours: formatHours(s.hours),
                        mode: t(`timesheets.mine.modes.${s.mode}`, { defaultValue: s.mode }),
                        students: s.students.join(', '),
                        expires: formatDate(s.expiresOn),
                      })}
                    </Text>
                  </li>
                ))}
              </Stack>
            )}
          </Paper>
          <Paper withBorder p="lg" component="section" aria-labelledby="my-entries-title">
            <Title order={2} size="h3" id="my-entries-title" mb="sm">
              {t('timesheets.entriesTitle')}
            </Title>
            {mine.data.entries.length === 0 ? (
              <Text>{t('timesheets.noEntries')}</Text>
            ) : (
              <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {mine.data.entries.map((e) => (
                  <li key={e.id}>
                    <Text>
                      {t('timesheets.mine.entryRow', {
                        kind: t(`timesheets.kinds.${e.kind}`, { defaultValue: e.kind }),
                        hours: formatHours(e.hours),
                        plan: e.planCode ?? '—',
                      })}
                      {e.reason ? ` — ${e.reason}` : ''}
                    </Text>
                  </li>
                ))}
              </Stack>
            )}
          </Paper>
        </>
      )}
    </Stack>
  );
}
