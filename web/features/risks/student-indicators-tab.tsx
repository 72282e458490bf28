import { Group, Paper, Text, Title } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { TIndicators } from '../../../common/api/ejournal.ts';
import type { TStudentAbilities } from '../../../common/api/students.ts';
import { LoadError, LoadingState } from '../../components/feedback.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { Fact } from '../students/student-header.tsx';
import { FlagList } from '../watch-list/flag-list.tsx';
import { LegalDutyAlert } from './legal-duty-alert.tsx';
import { ManualEntry } from './manual-entry.tsx';
import { SemesterSelect, useSemesterChoice } from './semester-select.tsx';
import { useIndicators } from './use-indicators.ts';

const IndicatorCharts = lazy(() =>
  import('./indicator-charts.tsx').then((m) => ({ default: m.IndicatorCharts })),
);

function decimal(value: number | null, digits: number): string {
  if (value === null) return '—';
  const text = value.toFixed(digits);
  return currentLanguage() === 'lv' ? text.replace('.', ',') : text;
}

function IndicatorFacts({ indicators }: { indicators: TIndicators }) {
  const { t } = useTranslation();
  const rate = indicators.attendanceRate === null ? '—' : `${decimal(indicators.attendanceRate * 100, 1)} %`;
  return (
    <Group component="dl" gap="xl" m={0} mb="md" align="flex-start">
      <Fact label={t('indicators.unjustified')}>{indicators.unjustifiedLessons}</Fact>
      <Fact label={t('indicators.justified')}>{indicators.justifiedLessons}</Fact>
      <Fact label={t('indicators.other')}>{indicators.otherLessons}</Fact>
      <Fact label={t('indicators.attendanceRate')}>{rate}</Fact>
      <Fact label={t('indicators.lowMarks')}>{indicators.lowMarks}</Fact>
      <Fact label={t('indicators.average')}>{decimal(indicators.markAverage, 2)}</Fact>
      <Fact label={t('indicators.previousAverage')}>{decimal(indicators.previousAverage, 2)}</Fact>
      <Fact label={t('indicators.behaviourNotes')}>{indicators.behaviourNotes}</Fact>
    </Group>
  );
}

/**
 * The profile's "Attendance and marks" tab for a semester: the indicators, the flags with their
 * reasons, the municipality notice when more than 20 lessons were missed, and two charts.
 */
export function StudentIndicatorsTab({ studentId, can }: { studentId: string; can: TStudentAbilities }) {
  const { t } = useTranslation();
  const { semesterId, setSemesterId } = useSemesterChoice();
  const indicators = useIndicators(studentId, semesterId);

  return (
    <>
      <SemesterSelect value={semesterId} onChange={setSemesterId} />
      <Paper withBorder p="lg" component="section" aria-labelledby="indicators-title" mt="md" mb="lg">
        <Title order={2} size="h3" id="indicators-title" mb="sm">
          {t('indicators.title')}
        </Title>
        {indicators.isPending && <LoadingState />}
        {indicators.isError && (
          <LoadError error={indicators.error} onRetry={() => void indicators.refetch()} />
        )}
        {indicators.isSuccess && indicators.data === null && <Text>{t('indicators.noData')}</Text>}
        {indicators.data && semesterId && (
          <>
            <IndicatorFacts indicators={indicators.data} />
            <Title order={3} size="h4" mb="xs">
              {t('indicators.flagsTitle')}
            </Title>
            <FlagList flags={indicators.data.flags} size="md" />
            {indicators.data.legalDuty && (
              <div style={{ marginTop: 'var(--mantine-spacing-md)' }}>
                <LegalDutyAlert
                  studentId={studentId}
                  semesterId={semesterId}
                  mayRecord={can.recordLegalDuty}
                  duty={indicators.data.legalDuty}
                />
              </div>
            )}
          </>
        )}
      </Paper>
      {can.enterEjournal && <ManualEntry studentId={studentId} />}
      <Suspense fallback={<LoadingState />}>
        <IndicatorCharts studentId={studentId} semesterId={semesterId} />
      </Suspense>
    </>
  );
}
