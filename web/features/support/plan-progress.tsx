import { Paper, Progress, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PlanStatus, TPlan } from '../../../common/api/plans.ts';
import { ErrorAlert, LoadingState } from '../../components/feedback.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { measureTitle } from '../plans/plan-labels.ts';
import { formatHours, hoursOfLabel, percentOf } from './support-labels.ts';
import { usePlanProgress } from './use-support.ts';

/** Statuses in which support can have been delivered on a plan. */
const DELIVERY_STATUSES: readonly PlanStatus[] = [
  'approved',
  'in_progress',
  'paused',
  'under_revision',
  'evaluated',
  'closed',
];

/**
 * Planned against delivered consultation hours per measure of a plan (confirmed sessions count;
 * sessions the students have not confirmed yet are shown apart). Nothing before the plan runs.
 */
export function PlanProgress({ plan }: { plan: TPlan }) {
  const show = DELIVERY_STATUSES.includes(plan.status);
  return show ? <PlanProgressTable plan={plan} /> : null;
}

function PlanProgressTable({ plan }: { plan: TPlan }) {
  const { t } = useTranslation();
  const progress = usePlanProgress(plan.id);
  const measures = plan.content.measures.filter((m) => m.kind === 'consultation');
  if (measures.length === 0) return null;
  const byId = new Map((progress.data?.measures ?? []).map((m) => [m.measureId, m]));
  const total = progress.data?.consultationHours;

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="plan-progress-title">
      <Title order={2} size="h3" id="plan-progress-title" mb="sm">
        {t('support.progressTitle')}
      </Title>
      {progress.isPending ? (
        <LoadingState />
      ) : progress.isError ? (
        <ErrorAlert error={progress.error} />
      ) : (
        <TableScroll label={t('support.progressCaption')} minWidth={680}>
          <Table verticalSpacing="sm">
            <caption>
              <VisuallyHidden>{t('support.progressCaption')}</VisuallyHidden>
            </caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('support.progressMeasure')}</Table.Th>
                <Table.Th scope="col">{t('schedule.progressScheduled')}</Table.Th>
                <Table.Th scope="col">{t('support.progressDelivered')}</Table.Th>
                <Table.Th scope="col">{t('support.progressUnconfirmed')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {measures.map((m) => {
                const row = byId.get(m.id);
                const planned = row?.plannedHours ?? m.plannedHours ?? 0;
                const delivered = row?.deliveredHours ?? 0;
                return (
                  <Table.Tr key={m.id}>
                    <Table.Th scope="row" fw={600}>
                      {measureTitle(t, m)}
                    </Table.Th>
                    <Table.Td>
                      {t('schedule.progressSessions', {
                        count: row?.scheduledSessions ?? 0,
                        hours: formatHours(row?.scheduledHours ?? 0),
                      })}
                    </Table.Td>
                    <Table.Td miw={180}>
                      <Progress value={percentOf(delivered, planned)} size="md" aria-hidden="true" mb={4} />
                      <Text fz="sm">{hoursOfLabel(t, delivered, planned)}</Text>
                      <Text fz="sm">
                        {t('schedule.deliveredSessions', { count: row?.deliveredSessions ?? 0 })}
                      </Text>
                    </Table.Td>
                    <Table.Td>{`${formatHours(row?.unconfirmedHours ?? 0)} h`}</Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
            {total && (
              <Table.Tfoot>
                <Table.Tr>
                  <Table.Th scope="row">{t('support.progressTotal')}</Table.Th>
                  <Table.Td />
                  <Table.Td fw={700}>{hoursOfLabel(t, total.delivered, total.planned)}</Table.Td>
                  <Table.Td />
                </Table.Tr>
              </Table.Tfoot>
            )}
          </Table>
        </TableScroll>
      )}
      <Text size="sm" mt="xs">
        {t('support.progressHint')}
      </Text>
    </Paper>
  );
}
