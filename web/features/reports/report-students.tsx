import { Anchor, Button, Group, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { LoadError, LoadingState } from '../../components/feedback.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { useReportStudents } from './use-reports.ts';

const PAGE_SIZE = 25;

/** The students behind a school's figures (flagged, with risks or a plan), a page at a time, each linked. */
export function ReportStudents({ org, period, caption }: { org: string; period: string; caption: string }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const students = useReportStudents(org, period, PAGE_SIZE, (page - 1) * PAGE_SIZE, true);
  if (students.isPending) return <LoadingState />;
  if (students.isError) return <LoadError error={students.error} onRetry={() => void students.refetch()} />;
  const { items, total } = students.data;
  if (total === 0) return <Text>{t('reports.students.none')}</Text>;
  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  return (
    <>
      <TableScroll label={caption} minWidth={760}>
        <Table striped>
          <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>
            {t('reports.students.count', { count: total })}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('reports.students.name')}</Table.Th>
              <Table.Th scope="col">{t('reports.students.class')}</Table.Th>
              <Table.Th scope="col">{t('reports.students.flagged')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('reports.students.risks')}
              </Table.Th>
              <Table.Th scope="col">{t('reports.students.plan')}</Table.Th>
              <Table.Th scope="col">{t('reports.students.supported')}</Table.Th>
              <Table.Th scope="col">{t('reports.students.outcome')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Th scope="row" fw={400}>
                  <Anchor component={Link} to={`/students/${s.id}`}>
                    {s.lastName} {s.firstName}
                  </Anchor>
                </Table.Th>
                <Table.Td>{s.classLabel}</Table.Td>
                <Table.Td>{yesNo(s.flagged)}</Table.Td>
                <Table.Td ta="right">{s.risks}</Table.Td>
                <Table.Td>
                  {s.planId ? (
                    <Anchor component={Link} to={`/plans/${s.planId}`}>
                      {s.planCode ?? t('reports.students.planLink')}
                      {s.planStatus &&
                        ` (${t(`plans.statuses.${s.planStatus}`, { defaultValue: s.planStatus })})`}
                    </Anchor>
                  ) : (
                    '–'
                  )}
                </Table.Td>
                <Table.Td>{yesNo(s.supported)}</Table.Td>
                <Table.Td>{s.outcome ? t(`yearOutcomes.values.${s.outcome}`) : '–'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {total > PAGE_SIZE && (
        <Group gap="sm">
          <Button variant="default" disabled={page === 1} onClick={() => setPage(page - 1)}>
            {t('reports.students.previous')}
          </Button>
          <Text>
            {t('reports.students.rows', {
              from: (page - 1) * PAGE_SIZE + 1,
              to: Math.min(total, page * PAGE_SIZE),
              total,
            })}
          </Text>
          <Button variant="default" disabled={page * PAGE_SIZE >= total} onClick={() => setPage(page + 1)}>
            {t('reports.students.next')}
          </Button>
        </Group>
      )}
    </>
  );
}
