import { LineChart } from '@mantine/charts';
import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../common/format.ts';
import { TableScroll } from '../../components/table-scroll.tsx';
import { ChartFigure } from './chart-figure.tsx';
import type { StudentCharts } from './use-indicators.ts';

const dayMonth = (iso: string) => formatDate(iso).slice(0, 5);

/** Unjustified lessons missed, added up week by week, against the threshold (a dashed line). */
export function AbsenceChart({
  absences,
  threshold,
}: {
  absences: StudentCharts['absences'];
  threshold: number;
}) {
  const { t } = useTranslation();
  const total = absences.at(-1)?.cumulativeUnjustified ?? 0;
  const crossed = absences.find((week) => week.cumulativeUnjustified > threshold);
  const summary =
    absences.length === 0
      ? t('indicators.absencesNone')
      : `${t('indicators.absencesTotal', { count: total, weeks: absences.length })} ${
          crossed
            ? t('indicators.absencesCrossed', { threshold, date: formatDate(crossed.weekStart) })
            : t('indicators.absencesNotCrossed', { threshold })
        }`;
  const data = absences.map((week) => ({
    week: dayMonth(week.weekStart),
    cumulative: week.cumulativeUnjustified,
  }));
  const top = Math.max(threshold + 4, total + 2);
  return (
    <ChartFigure
      title={t('indicators.absencesChart')}
      summary={summary}
      chart={
        absences.length > 0 && (
          <LineChart
            h={260}
            data={data}
            dataKey="week"
            series={[{ name: 'cumulative', label: t('indicators.cumulativeSeries'), color: 'blue.8' }]}
            curveType="linear"
            referenceLines={[
              {
                y: threshold,
                label: t('indicators.thresholdLine', { threshold }),
                color: 'red.9',
                strokeDasharray: '6 4',
              },
            ]}
            yAxisProps={{ domain: [0, top], allowDecimals: false }}
            xAxisLabel={t('indicators.weekAxis')}
            yAxisLabel={t('indicators.lessonsAxis')}
            textColor="gray.8"
            accessibilityLayer={false}
            withTooltip={false}
          />
        )
      }
      table={
        <TableScroll label={t('indicators.absencesChart')}>
          <Table striped maw={520}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('indicators.weekFrom')}</Table.Th>
                <Table.Th scope="col">{t('indicators.weekUnjustified')}</Table.Th>
                <Table.Th scope="col">{t('indicators.weekJustified')}</Table.Th>
                <Table.Th scope="col">{t('indicators.weekCumulative')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {absences.map((week) => (
                <Table.Tr key={week.weekStart}>
                  <Table.Td>{formatDate(week.weekStart)}</Table.Td>
                  <Table.Td>{week.unjustified}</Table.Td>
                  <Table.Td>{week.justified}</Table.Td>
                  <Table.Td>{week.cumulativeUnjustified}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      }
    />
  );
}
