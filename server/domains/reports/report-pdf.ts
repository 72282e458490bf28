import type { Language } from '../../../common/roles.ts';
import { formatDecimal, t } from '../../platform/i18n/index.ts';
import { renderPdf } from '../../platform/pdf.ts';
import type { ReportTable, TableValue } from './tables.ts';

/**
 * The report as a PDF (pdfmake, Roboto — every Latvian letter): a header with the organisation and
 * the period, when the figures were computed, the auditor's note on "<5", then each table.
 */
const cellText = (lang: Language, v: TableValue): string =>
  v === null ? '' : typeof v === 'number' ? (Number.isInteger(v) ? String(v) : formatDecimal(lang, v, 2)) : v;

export function reportPdf(
  lang: Language,
  heading: { org: string; period: string; refreshed: string; note: string | null },
  tables: ReportTable[],
): Promise<Buffer> {
  const content: unknown[] = [
    { text: t(lang, 'reports.title'), style: 'title' },
    { text: `${t(lang, 'reports.organisation')}: ${heading.org}`, bold: true },
    { text: `${t(lang, 'reports.period')}: ${heading.period}` },
    { text: heading.refreshed, color: '#555555', margin: [0, 0, 0, 6] },
  ];
  if (heading.note) content.push({ text: heading.note, italics: true, margin: [0, 0, 0, 6] });
  for (const table of tables) {
    content.push({ text: table.title, style: 'heading' });
    if (table.rows.length === 0) {
      content.push({ text: t(lang, 'reports.noFigures'), italics: true });
      continue;
    }
    content.push({
      table: {
        headerRows: 1,
        widths: ['*', ...table.heads.slice(1).map(() => 'auto')],
        body: [
          table.heads.map((h) => ({ text: h, bold: true })),
          ...table.rows.map((row, i) =>
            row.map((v, j) => ({
              text: cellText(lang, v),
              bold: i === table.totalRow,
              alignment: j === 0 ? 'left' : 'right',
            })),
          ),
        ],
      },
      layout: 'lightHorizontalLines',
    });
  }
  return renderPdf({
    info: { title: `${t(lang, 'reports.title')} — ${heading.org}, ${heading.period}` },
    pageMargins: [40, 40, 40, 40],
    content,
    styles: {
      title: { fontSize: 16, bold: true, margin: [0, 0, 0, 8] },
      heading: { fontSize: 12, bold: true, margin: [0, 12, 0, 4] },
    },
  });
}
