import { Paper, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TReportIndicator } from '../../../common/api/reports.ts';
import { ReportCell } from './report-cell.tsx';

/** The one-number indicators as a grid of figures, each with its name (a definition list). */
export function HeadlineFigures({ indicators }: { indicators: TReportIndicator[] }) {
  const { t } = useTranslation();
  if (indicators.length === 0) return null;
  return (
    <SimpleGrid component="dl" cols={{ base: 2, sm: 3, md: 4 }} spacing="sm" m={0}>
      {indicators.map((indicator) => (
        <Paper withBorder p="sm" key={indicator.code}>
          <Text component="dt" fz="sm" c="gray.8">
            {t(`reports.indicators.${indicator.code}`)}
          </Text>
          <Text component="dd" m={0} fz="xl" fw={700} data-indicator={indicator.code}>
            <ReportCell code={indicator.code} cell={indicator.cells[0]} />
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
