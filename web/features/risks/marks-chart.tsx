import { LineChart } from '@mantine/charts';
import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../common/format.ts';
import { TableScroll } from '../../components/table-scroll.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { ChartFigure } from './chart-figure.tsx';
import type { StudentCharts } from './use-indicators.ts';

const COLORS = [
  'blue.8',
  'teal.9',
  'grape.8',
  'orange.9',
  'cyan.9',
  'pink.8',
  'indigo.8',
  'lime.9',
  'gray.8',
];

type Marks = StudentCharts['marks'];

/** One row per day with a mark, one column per subject (keys s0, s1… so any subject name works). */
function chartData(marks: Marks, subjects: string[]) {
  const byDay = new Map<string, Record<string, string | number>>();
  for (const mark of marks) {
    if (mark.value === null) continue;
    const row = byDay.get(mark.onDate) ?? { day: formatDate(mark.onDate).slice(0, 5) };
    row[`s${subjects.indexOf(mark.subject)}`] = mark.value;
    byDay.set(mark.onDate, row);
  }
  return [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, row]) => row);
}

/** The semester's marks by subject over time, against the line at 4 (below it a mark is insufficient). */
export function MarksChart({ marks, lowMark }: { marks: Marks; lowMark: number }) {
  const { t } = useTranslation();
  const subjects = [...new Set(marks.map((mark) => mark.subject))].sort((a, b) => a.localeCompare(b, 'lv'));
  const numeric = marks.filter((mark) => mark.value !== null);
  const low = marks.filter((mark) =>
    mark.value === null ? mark.mark === 'nv' : mark.value < lowMark,
  ).length;
  const average = numeric.length
    ? numeric.reduce((sum, mark) => sum + (mark.value ?? 0), 0) / numeric.length
    : null;
  const averageText = average === null ? '' : average.toFixed(2);
  const summary =
    marks.length === 0
      ? t('indicators.marksNone')
      : t('indicators.marksSummary', {
          count: marks.length,
          subjects: subjects.length,
          average: currentLanguage() === 'lv' ? averageText.replace('.', ',') : averageText,
          low,
          lowMark,
        });
  return (
    <ChartFigure
      title={t('indicators.marksChart')}
      summary={summary}
      chart={
        numeric.length > 0 && (
          <LineChart
            h={300}
            data={chartData(marks, subjects)}
            dataKey="day"
            series={subjects.map((subject, i) => ({
              name: `s${i}`,
              label: subject,
              color: COLORS[i % COLORS.length],
            }))}
            curveType="linear"
            connectNulls
            strokeWidth={1.5}
            withLegend
            legendProps={{ verticalAlign: 'bottom' }}
            referenceLines={[
              {
                y: lowMark,
                label: t('indicators.lowMarkLine', { mark: lowMark }),
                color: 'red.9',
                strokeDasharray: '6 4',
              },
            ]}
            yAxisProps={{ domain: [1, 10], ticks: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] }}
            xAxisLabel={t('indicators.dateAxis')}
            yAxisLabel={t('indicators.markAxis')}
            textColor="gray.8"
            accessibilityLayer={false}
            withTooltip={false}
          />
        )
      }
      table={
        <TableScroll label={t('indicators.marksChart')}>
          <Table striped maw={520}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('indicators.markDate')}</Table.Th>
                <Table.Th scope="col">{t('indicators.markSubject')}</Table.Th>
                <Table.Th scope="col">{t('indicators.markValue')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {marks.map((mark) => (
                <Table.Tr key={`${mark.onDate}|${mark.subject}`}>
                  <Table.Td>{formatDate(mark.onDate)}</Table.Td>
                  <Table.Td>{mark.subject}</Table.Td>
                  <Table.Td>{mark.mark}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      }
    />
  );
}
