import { Anchor, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LoadError, LoadingState } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useCurrentUser } from '../auth/use-session.ts';
import { ChildrenTable } from './children-table.tsx';
import { HeadlineFigures } from './headline-figures.tsx';
import { IndicatorSection } from './indicator-section.tsx';
import { exportHref, isSingleFigure, periodLabel, shownAt } from './report-format.ts';
import { ReportRefresh } from './report-refresh.tsx';
import { ReportStudents } from './report-students.tsx';
import { PeriodSelect, ReportBreadcrumbs, ReportExports } from './report-toolbar.tsx';
import { useReportIndicators, useReportPeriods } from './use-reports.ts';

/**
 * "Pārskati": one organisation's indicators for a period — the nation, a municipality or a school.
 * The organisation and period are in the address (?org=&period=), so back and a shared link work;
 * without them the server's defaults apply (the caller's widest organisation, the current semester).
 */
export function ReportsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const org = params.get('org');
  const period = params.get('period');
  const periods = useReportPeriods();
  const report = useReportIndicators(org, period);

  const choosePeriod = (code: string) => {
    const next = new URLSearchParams(params);
    next.set('period', code);
    if (report.data) next.set('org', report.data.org.id);
    setParams(next);
  };

  if (report.isPending || periods.isPending)
    return (
      <Stack>
        <PageHeading>{t('reports.title')}</PageHeading>
        <LoadingState />
      </Stack>
    );
  const error = report.error ?? periods.error;
  if (error || !report.data || !periods.data)
    return (
      <Stack>
        <PageHeading>{t('reports.title')}</PageHeading>
        <LoadError
          error={error}
          onRetry={() => {
            void report.refetch();
            void periods.refetch();
          }}
        />
      </Stack>
    );

  const data = report.data;
  const heading = `${data.org.name} — ${periodLabel(t, data.period)}`;
  const singles = data.indicators.filter((i) => isSingleFigure(i.code) && shownAt(i.code, data.org.type));
  const splits = data.indicators.filter((i) => !isSingleFigure(i.code));
  const childrenCaption = t(`reports.childrenOf.${data.org.type}`, { name: data.org.name });

  return (
    <Stack gap="lg">
      <div>
        <ReportBreadcrumbs report={data} />
        <PageHeading>{heading}</PageHeading>
        {data.suppressed && (
          <Text maw={800} mb="xs">
            {t('reports.suppressedIntro')}
          </Text>
        )}
        <ReportRefresh
          key={`${data.org.id}:${data.period.code}`}
          report={data}
          canRefresh={me.can.refreshReports}
        />
      </div>
      {me.can.viewFlagValidation && data.org.type !== 'school' && (
        <Anchor component={Link} to={`/reports/flags?org=${data.org.id}`}>
          {t('flagValidation.link')}
        </Anchor>
      )}
      <PeriodSelect periods={periods.data} value={data.period.code} onChange={choosePeriod} />
      <ReportExports report={data} />
      <section aria-labelledby="report-headline">
        <Title order={2} size="h3" id="report-headline" mb="sm">
          {t('reports.headline')}
        </Title>
        <HeadlineFigures indicators={singles} />
      </section>
      {data.children.length > 0 && (
        <Paper withBorder p="md" component="section" aria-labelledby="report-children">
          <Title order={2} size="h3" id="report-children" mb="sm">
            {childrenCaption}
          </Title>
          <ChildrenTable report={data} caption={childrenCaption} />
          <Anchor href={exportHref('export.csv', data.org.id, data.period.code, 'children')} download fz="sm">
            {t('reports.csvOf', { name: childrenCaption })}
          </Anchor>
        </Paper>
      )}
      <section aria-labelledby="report-indicators">
        <Title order={2} size="h3" id="report-indicators" mb="sm">
          {t('reports.indicatorsTitle')}
        </Title>
        <Stack gap="md">
          {splits.map((indicator) => (
            <IndicatorSection
              key={indicator.code}
              indicator={indicator}
              csvHref={exportHref('export.csv', data.org.id, data.period.code, indicator.code)}
            />
          ))}
        </Stack>
      </section>
      {data.org.type === 'school' && data.studentsDrillDown && (
        <Paper withBorder p="md" component="section" aria-labelledby="report-students">
          <Title order={2} size="h3" id="report-students" mb="sm">
            {t('reports.students.title')}
          </Title>
          <ReportStudents
            key={`${data.org.id}:${data.period.code}`}
            org={data.org.id}
            period={data.period.code}
            caption={t('reports.students.title')}
          />
        </Paper>
      )}
    </Stack>
  );
}
