import { List, Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PlanStatus, TPlan } from '../../../common/api/plans.ts';
import { formatDateTime } from '../../../common/format.ts';
import { TableScroll } from '../../components/table-scroll.tsx';
import { translateCode } from '../../i18n/index.ts';
import { measureTitle, statusLabel } from './plan-labels.ts';

/** The plan's history, oldest first: when, who, what, at which level, the status it led to, comments. */
export function PlanHistory({ plan }: { plan: TPlan }) {
  const { t } = useTranslation();
  const measures = new Map(plan.content.measures.map((m, i) => [m.id, { m, n: i + 1 }]));
  const measureName = (id: string) => {
    const found = measures.get(id);
    return found
      ? `${t('plans.measureN', { n: found.n })} (${measureTitle(t, found.m)})`
      : t('plans.measure');
  };

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="plan-history-title">
      <Title order={2} size="h3" id="plan-history-title" mb="sm">
        {t('plans.historyTitle')}
      </Title>
      <TableScroll label={t('plans.historyCaption')} minWidth={800}>
        <Table striped verticalSpacing="sm">
          <caption>
            <VisuallyHidden>{t('plans.historyCaption')}</VisuallyHidden>
          </caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('plans.historyAt')}</Table.Th>
              <Table.Th scope="col">{t('plans.historyWho')}</Table.Th>
              <Table.Th scope="col">{t('plans.historyAction')}</Table.Th>
              <Table.Th scope="col">{t('plans.historyLevel')}</Table.Th>
              <Table.Th scope="col">{t('plans.historyStatus')}</Table.Th>
              <Table.Th scope="col">{t('plans.historyComment')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.history.map((event) => (
              <Table.Tr key={`${event.at}-${event.action}-${event.toStatus}`}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.at)}</Table.Td>
                <Table.Td>{event.actorName ?? t('plans.someone')}</Table.Td>
                <Table.Td>
                  {translateCode('plans.historyActions', event.action)}
                  {event.version !== null && (
                    <Text size="sm">{t('plans.versionN', { n: event.version })}</Text>
                  )}
                </Table.Td>
                <Table.Td>{event.level ? t(`plans.levels.${event.level}`) : t('common.none')}</Table.Td>
                <Table.Td>{statusLabel(t, event.toStatus as PlanStatus, null)}</Table.Td>
                <Table.Td>
                  {event.comment && (
                    <Text fz="inherit" style={{ whiteSpace: 'pre-wrap' }}>
                      {event.comment}
                    </Text>
                  )}
                  {event.measureComments.length > 0 && (
                    <List size="sm" mt={4}>
                      {event.measureComments.map((c) => (
                        <List.Item key={c.measureId}>{`${measureName(c.measureId)}: ${c.comment}`}</List.Item>
                      ))}
                    </List>
                  )}
                  {!event.comment && event.measureComments.length === 0 && t('common.none')}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Paper>
  );
}
