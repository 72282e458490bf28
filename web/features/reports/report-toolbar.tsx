import { Anchor, Breadcrumbs, Button, Group, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TReportIndicators, TReportPeriods } from '../../../common/api/reports.ts';
import { dashboardHref, exportHref, periodLabel } from './report-format.ts';

/** The way up from the organisation (nation first); each step opens that organisation's dashboard. */
export function ReportBreadcrumbs({ report }: { report: TReportIndicators }) {
  const { t } = useTranslation();
  const up = report.path.filter((o) => o.id !== report.org.id);
  return (
    <nav aria-label={t('reports.breadcrumbs')}>
      <Breadcrumbs separator="›" style={{ flexWrap: 'wrap' }}>
        {up.map((o) => (
          <Anchor key={o.id} component={Link} to={dashboardHref(o.id, report.period.code)}>
            {o.name}
          </Anchor>
        ))}
        <span aria-current="page">{report.org.name}</span>
      </Breadcrumbs>
    </nav>
  );
}

/** The period select (school years and their semesters, newest first). */
export function PeriodSelect({
  periods,
  value,
  onChange,
}: {
  periods: TReportPeriods;
  value: string;
  onChange: (code: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('reports.period')}
      data={periods.items.map((p) => ({ value: p.code, label: periodLabel(t, p) }))}
      value={value}
      onChange={(code) => code && onChange(code)}
      allowDeselect={false}
      w={{ base: '100%', sm: 360 }}
    />
  );
}

/** The downloads: every table as XLSX, the PDF report (CSV per table sits beside each table). */
export function ReportExports({ report }: { report: TReportIndicators }) {
  const { t } = useTranslation();
  const org = report.org.id;
  const period = report.period.code;
  return (
    <Group gap="sm" role="group" aria-label={t('reports.exports')}>
      <Button component="a" href={exportHref('export.xlsx', org, period)} download variant="default">
        {t('reports.exportXlsx')}
      </Button>
      <Button component="a" href={exportHref('report.pdf', org, period)} download variant="default">
        {t('reports.exportPdf')}
      </Button>
      <Button component={Link} to={`/reports/programme?org=${encodeURIComponent(org)}`} variant="subtle">
        {t('reports.programme.link')}
      </Button>
    </Group>
  );
}
