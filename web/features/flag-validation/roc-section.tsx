import { LineChart } from '@mantine/charts';
import { Group, Paper, SegmentedControl, Select, Table, Text, Title } from '@mantine/core';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFlagValidationFlag } from '../../../common/api/flag-validation.ts';
import { TableScroll } from '../../components/table-scroll.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { formatNumber } from '../reports/report-format.ts';
import { PointCells, PointHeads } from './flag-table.tsx';
import { formatThreshold } from './format.ts';

/**
 * One flag's indicator: its ROC curve (chart, or the same points as a table) with the AUC and its
 * interval, and the threshold grid with the same figures as the flag table.
 */
export function RocSection({ flags }: { flags: TFlagValidationFlag[] }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const titleId = useId();
  const [key, setKey] = useState(flags[0]?.key ?? 'unjustified');
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const flag = flags.find((f) => f.key === key) ?? flags[0];
  if (!flag) return null;
  const name = t(`flagValidation.flags.${flag.key}`);
  const indicator = t(`flagValidation.indicators.${flag.roc.indicator}`);
  const auc =
    flag.roc.auc === null
      ? t('flagValidation.noAuc')
      : t('flagValidation.auc', {
          auc: formatNumber(flag.roc.auc, lang, 2),
          low: formatNumber(flag.roc.aucLow ?? 0, lang, 2),
          high: formatNumber(flag.roc.aucHigh ?? 0, lang, 2),
        });
  const rocCaption = t('flagValidation.rocOf', { name: indicator });
  const gridCaption = t('flagValidation.gridOf', { name });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Title order={2} size="h3" id={titleId} mb="sm">
        {t('flagValidation.rocTitle')}
      </Title>
      <Group align="flex-end" mb="sm">
        <Select
          label={t('flagValidation.flag')}
          data={flags.map((f) => ({ value: f.key, label: t(`flagValidation.flags.${f.key}`) }))}
          value={flag.key}
          onChange={(v) => v && setKey(v as typeof key)}
          allowDeselect={false}
          w={{ base: '100%', sm: 320 }}
        />
        <SegmentedControl
          value={view}
          onChange={(v) => setView(v as 'chart' | 'table')}
          aria-label={t('flagValidation.viewOf', { name: rocCaption })}
          data={[
            { value: 'chart', label: t('reports.chart') },
            { value: 'table', label: t('reports.table') },
          ]}
        />
      </Group>
      <Text mb="xs" data-testid="roc-auc">
        {auc}
      </Text>
      {view === 'chart' ? (
        <figure style={{ margin: 0 }}>
          <figcaption>
            <Text fz="sm">
              {t('flagValidation.rocSummary', { name: indicator, count: flag.roc.points.length })}
            </Text>
          </figcaption>
          {flag.roc.points.length > 0 && (
            <div aria-hidden="true">
              <LineChart
                h={300}
                data={flag.roc.points.map((p) => ({ fpr: p.fpr, tpr: p.tpr }))}
                dataKey="fpr"
                series={[{ name: 'tpr', label: t('flagValidation.tpr'), color: 'blue.8' }]}
                curveType="linear"
                xAxisProps={{
                  type: 'number',
                  domain: [0, 1],
                  tickFormatter: (v: number) => formatNumber(v, lang, 2),
                }}
                yAxisProps={{ domain: [0, 1] }}
                xAxisLabel={t('flagValidation.fpr')}
                yAxisLabel={t('flagValidation.tpr')}
                valueFormatter={(v) => formatNumber(v, lang, 2)}
                textColor="gray.8"
                accessibilityLayer={false}
                withTooltip={false}
              />
            </div>
          )}
        </figure>
      ) : (
        <TableScroll label={rocCaption}>
          <Table striped maw={620}>
            <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>{rocCaption}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('flagValidation.atLeast')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('flagValidation.tpr')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('flagValidation.fpr')}
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {flag.roc.points.map((p, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: points in curve order
                <Table.Tr key={i}>
                  <Table.Th scope="row" fw={400}>
                    {p.threshold === null
                      ? '—'
                      : formatNumber(p.threshold, lang, Number.isInteger(p.threshold) ? 0 : 2)}
                  </Table.Th>
                  <Table.Td ta="right">{formatNumber(p.tpr, lang, 2)}</Table.Td>
                  <Table.Td ta="right">{formatNumber(p.fpr, lang, 2)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      <Title order={3} size="h4" mt="md" mb="xs">
        {gridCaption}
      </Title>
      <TableScroll label={gridCaption} minWidth={900}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('flagValidation.threshold')}</Table.Th>
              <PointHeads />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {flag.grid.map((p) => (
              <Table.Tr key={p.threshold} fw={flag.suggested?.threshold === p.threshold ? 700 : undefined}>
                <Table.Th scope="row" fw="inherit">
                  {formatThreshold(flag.key, p.threshold, lang)}
                  {flag.suggested?.threshold === p.threshold && ` (${t('flagValidation.suggestedShort')})`}
                </Table.Th>
                <PointCells point={p} />
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
    </Paper>
  );
}
