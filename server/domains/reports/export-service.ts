import type { EXPORT_FORMATS, TReportExportQuery, TReportIndicators } from '../../../common/api/reports.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { badRequest } from '../../platform/errors.ts';
import { t } from '../../platform/i18n/index.ts';
import { reportCsv } from './export-csv.ts';
import { reportWorkbook } from './export-xlsx.ts';
import { reportPdf } from './report-pdf.ts';
import { getIndicators } from './service.ts';
import { periodLabel, reportTables } from './tables.ts';

/**
 * The exports of one report (XLSX, CSV, PDF): the indicators answer as the caller sees it —
 * suppressed for the auditor — written out in the caller's language. Every export is audited.
 */

/** "05.12.2026 01:30" in Latvian time. */
function rigaTime(iso: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Riga',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(new Date(iso));
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? '';
  return `${p('day')}.${p('month')}.${p('year')} ${p('hour')}:${p('minute')}`;
}

function headingOf(ctx: RequestContext, a: TReportIndicators) {
  const lang = ctx.language;
  return {
    org: a.org.name,
    period: periodLabel(lang, a.period),
    refreshed: a.refreshedAt
      ? t(lang, 'reports.refreshedAt', { at: rigaTime(a.refreshedAt) })
      : t(lang, 'reports.neverRefreshed'),
    note: a.suppressed ? t(lang, 'reports.suppressedNote') : null,
  };
}

async function audited(ctx: RequestContext, tx: Db, a: TReportIndicators, format: string) {
  await writeAudit(tx, ctx, {
    action: `report.export_${format}`,
    entityType: 'organisation',
    entityId: a.org.id,
    orgId: a.org.id,
  });
}

/** A file name without anything a header would choke on: pumpurs-parskats-2026-1.xlsx */
export const exportFileName = (a: TReportIndicators, ext: string, table?: string) =>
  `pumpurs-parskats-${a.period.code}${table ? `-${table}` : ''}.${ext}`;

export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  pdf: 'application/pdf',
};

/** The answer to export, read and audited in the request's transaction (the CSV needs one table). */
export async function loadExport(
  ctx: RequestContext,
  q: TReportExportQuery,
  format: ExportFormat,
  tx: Db,
): Promise<TReportIndicators> {
  if (format === 'csv' && !q.table) throw badRequest('validation', 'table');
  const a = await getIndicators(ctx, q, tx);
  await audited(ctx, tx, a, format);
  return a;
}

/** The file, written after the transaction (rendering a PDF or a workbook takes a while). */
export async function renderExport(
  ctx: RequestContext,
  a: TReportIndicators,
  format: ExportFormat,
  table?: TReportExportQuery['table'],
): Promise<{ body: Buffer | string; fileName: string; contentType: string }> {
  const lang = ctx.language;
  const one = format === 'pdf' ? undefined : table;
  const tables = reportTables(lang, a, one);
  const body =
    format === 'xlsx'
      ? await reportWorkbook(lang, headingOf(ctx, a), tables)
      : format === 'csv'
        ? reportCsv(lang, tables[0])
        : await reportPdf(lang, headingOf(ctx, a), tables);
  return { body, fileName: exportFileName(a, format, one), contentType: CONTENT_TYPES[format] };
}
