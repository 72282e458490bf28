import { Box, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

type Props = {
  title: string;
  /** The chart's message in one or two sentences, read instead of the picture. */
  summary: string;
  chart: ReactNode;
  /** The chart's data as a table, behind a disclosure. */
  table: ReactNode;
};

/**
 * A chart as a figure: the drawing is hidden from assistive technology, and the caption (always
 * visible) says what it shows; the numbers are in a table one click away.
 */
export function ChartFigure({ title, summary, chart, table }: Props) {
  const { t } = useTranslation();
  const captionId = useId();
  return (
    <Box component="figure" m={0} mb="xl" aria-labelledby={captionId}>
      <Text component="figcaption" id={captionId} mb="xs">
        <Text span fw={700} display="block">
          {title}
        </Text>
        {summary}
      </Text>
      <div aria-hidden="true">{chart}</div>
      <Box component="details" mt="xs">
        <Box component="summary" style={{ cursor: 'pointer' }} fw={500}>
          {t('indicators.showTable')}
        </Box>
        {table}
      </Box>
    </Box>
  );
}
