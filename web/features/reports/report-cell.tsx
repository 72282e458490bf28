import { VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { IndicatorCode, TReportCell } from '../../../common/api/reports.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { cellText, SUPPRESSED_TEXT } from './report-format.ts';

/**
 * One figure in its unit. A suppressed one shows "<5", with the reason as a tooltip and, for screen
 * readers, in words ("fewer than 5, hidden for privacy").
 */
export function ReportCell({
  code,
  cell,
}: {
  code: IndicatorCode;
  cell: Pick<TReportCell, 'key' | 'value' | 'suppressed'> | undefined;
}) {
  const { t } = useTranslation();
  if (cell?.suppressed)
    return (
      <span title={t('reports.suppressedTitle')} data-suppressed="true">
        {SUPPRESSED_TEXT}
        <VisuallyHidden> ({t('reports.suppressedTitle')})</VisuallyHidden>
      </span>
    );
  return <>{cellText(code, cell, currentLanguage(), t)}</>;
}
