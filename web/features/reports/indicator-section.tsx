import { BarChart } from '@mantine/charts';
import { Anchor, Group, Paper, SegmentedControl, Table, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TReportIndicator } from '../../../common/api/reports.ts';
import { TableScroll } from '../../components/table-scroll.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { ReportCell } from './report-cell.tsx';
import { formatNumber, keyLabel } from './report-format.ts';

/** Budgets mix minutes and cents, so their chart shows the consultation line in hours and the rest in euros. */
function chartValue(indicator: TReportIndicator, key: string, value: number): number {
  if (indicator.unit === 'cents') return value / 100;
  if (indicator.unit === 'budget') return key === 'consultation' ? value / 60 : value / 100;
  return value;
}

/**
 * One indicator split by its keys: a bar chart (hidden from assistive technology; its caption says
 * what it shows) or, with the toggle, the same figures as a table with the total; and its CSV.
 */
export function IndicatorSection({ indicator, csvHref }: { indicator: TReportIndicator; csvHref: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const title = t(`reports.indicators.${indicator.code}`);
  const decimals = ['cents', 'budget'].includes(indicator.unit)
    ? 2
    : ['students', 'plans', 'records', 'referrals', 'measures'].includes(indicator.unit)
      ? 0
      : 1;
  const visible = indicator.cells.filter((c) => !c.suppressed && c.value !== null);
  const hidden = indicator.cells.length - visible.length;
  // A budget's consultation line is hours, the others euros: the chart shows the euros only.
  const charted = indicator.unit === 'budget' ? visible.filter((c) => c.key !== 'consultation') : visible;
  const data = charted.map((c) => ({
    name: keyLabel(indicator.code, c, t),
    value: chartValue(indicator, c.key, c.value ?? 0),
  }));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" align="flex-start" mb="xs" gap="xs">
        <Title order={3} size="h4" id={titleId}>
          {title}
        </Title>
        <Group gap="sm">
          <SegmentedControl
            size="xs"
            value={view}
            onChange={(v) => setView(v as 'chart' | 'table')}
            aria-label={t('reports.viewOf', { name: title })}
            data={[
              { value: 'chart', label: t('reports.chart') },
              { value: 'table', label: t('reports.table') },
            ]}
          />
          <Anchor href={csvHref} download fz="sm" aria-label={t('reports.csvOf', { name: title })}>
            CSV
          </Anchor>
        </Group>
      </Group>
      {indicator.cells.length === 0 ? (
        <Text>{t('reports.noFigures')}</Text>
      ) : view === 'chart' ? (
        <figure style={{ margin: 0 }}>
          <figcaption>
            <Text fz="sm">
              {t('reports.chartSummary', { count: charted.length })}
              {hidden > 0 && ` ${t('reports.chartHidden', { count: hidden })}`}
              {charted.length < visible.length && ` ${t('reports.chartEurosOnly')}`}
            </Text>
          </figcaption>
          {data.length > 0 && (
            <div aria-hidden="true">
              <BarChart
                h={Math.max(160, 40 * data.length)}
                data={data}
                dataKey="name"
                orientation="vertical"
                yAxisProps={{ width: 170 }}
                series={[{ name: 'value', label: title, color: 'blue.8' }]}
                textColor="gray.8"
                withTooltip={false}
                withBarValueLabel
                valueFormatter={(v) => formatNumber(v, currentLanguage(), decimals)}
                accessibilityLayer={false}
              />
            </div>
          )}
        </figure>
      ) : (
        <IndicatorTable indicator={indicator} caption={title} />
      )}
    </Paper>
  );
}

/** The indicator's figures as a table, a row per key and the total last. */
export function IndicatorTable({ indicator, caption }: { indicator: TReportIndicator; caption: string }) {
  const { t } = useTranslation();
  return (
    <TableScroll label={caption}>
      <Table striped maw={620}>
        <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('reports.key')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('reports.value')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {indicator.cells.map((cell) => (
            <Table.Tr key={cell.key}>
              <Table.Th scope="row" fw={400}>
                {keyLabel(indicator.code, cell, t)}
              </Table.Th>
              <Table.Td ta="right">
                <ReportCell code={indicator.code} cell={cell} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        {indicator.total && (
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th scope="row">{t('reports.total')}</Table.Th>
              <Table.Td ta="right" fw={700}>
                <ReportCell code={indicator.code} cell={indicator.total} />
              </Table.Td>
            </Table.Tr>
          </Table.Tfoot>
        )}
      </Table>
    </TableScroll>
  );
}
