import { Paper, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LoadError, LoadingState } from '../../components/feedback.tsx';
import { AbsenceChart } from './absence-chart.tsx';
import { MarksChart } from './marks-chart.tsx';
import { useStudentCharts } from './use-indicators.ts';

/** The two charts of the "Attendance and marks" tab (its own chunk: the chart library loads only here). */
export function IndicatorCharts({ studentId, semesterId }: { studentId: string; semesterId: string | null }) {
  const { t } = useTranslation();
  const charts = useStudentCharts(studentId, semesterId);
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="charts-title">
      <Title order={2} size="h3" id="charts-title" mb="md">
        {t('indicators.chartsTitle')}
      </Title>
      {charts.isPending && <LoadingState />}
      {charts.isError && <LoadError error={charts.error} onRetry={() => void charts.refetch()} />}
      {charts.data && (
        <>
          <AbsenceChart
            absences={charts.data.absences}
            threshold={charts.data.thresholds.unjustifiedLessons}
          />
          <MarksChart marks={charts.data.marks} lowMark={charts.data.thresholds.lowMark} />
        </>
      )}
    </Paper>
  );
}
