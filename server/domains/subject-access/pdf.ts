import { rigaParts } from '../../../common/api/chronology.ts';
import {
  SUBJECT_EXPORT_PDF_ROWS,
  SUBJECT_SECTION_KEYS,
  type SubjectSectionKey,
  type TSubjectExport,
  ZSubjectSections,
} from '../../../common/api/subject-access.ts';
import { formatDate, formatEuro } from '../../../common/format.ts';
import type { Language } from '../../../common/roles.ts';
import { type MessageKey, type MessageParams, tOr, t as tr } from '../../platform/i18n/index.ts';
import { renderPdf } from '../../platform/pdf.ts';

/** Fields the PDF leaves to the JSON: ids and whole documents (a plan version's content). */
const JSON_ONLY = new Set(['id', 'noteId', 'fileId', 'responseFileId', 'content', 'sha256']);
/** Sections with more columns than fit across a page print each row as a small table of its own. */
const MAX_TABLE_COLUMNS = 6;
const MONEY = new Set(['amountCents', 'plannedCents']);
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** dd.mm.yyyy hh:mm in Riga time. */
function rigaDateTime(at: string): string {
  const { date, time } = rigaParts(new Date(at));
  return `${formatDate(date)} ${time.slice(0, 5)}`;
}

/** One value as the reader sees it: Latvian dates, euros, yes/no, lists and objects in words. */
function shown(field: string, value: unknown, lang: Language, depth = 0): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return tr(lang, value ? 'subjectAccess.yes' : 'subjectAccess.no');
  if (typeof value === 'number') return MONEY.has(field) ? formatEuro(value, lang) : String(value);
  if (typeof value === 'string') {
    if (DAY.test(value)) return formatDate(value);
    if (INSTANT.test(value)) return rigaDateTime(value);
    if (field === 'actorRoles' || field === 'assigneeRole')
      return tOr(lang, `subjectAccess.roles.${value}`, value);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => shown(field, v, lang, depth + 1)).join(', ');
  if (depth > 2) return '…';
  const text = Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${shown(k, v, lang, depth + 1)}`)
    .join('; ');
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}

/**
 * The export as a readable PDF in the requester's language: the student, when it was made and for
 * whom, then every section under its heading — a table, or for wide sections a small table per row —
 * with Latvian dates and page numbers. Each section prints at most SUBJECT_EXPORT_PDF_ROWS rows and
 * says how many more the JSON holds, so a long history cannot grow the PDF without bound.
 */
export function subjectExportPdf(doc: TSubjectExport, lang: Language): Promise<Buffer> {
  const t = (key: string, params?: MessageParams) => tr(lang, `subjectAccess.${key}` as MessageKey, params);
  const field = (f: string) => tOr(lang, `subjectAccess.fields.${f}`, f);
  const student = doc.sections.student[0];
  const studentName = student ? `${student.firstName ?? ''} ${student.lastName ?? ''}`.trim() : '';
  const header = [
    [t('student'), studentName],
    [t('personalCode'), student?.personalCode ?? ''],
    [t('school'), student?.school ?? ''],
    [t('generated'), rigaDateTime(doc.generatedAt)],
    [t('requestedBy'), `${doc.requestedBy.name} (${shown('actorRoles', doc.requestedBy.roles, lang)})`],
    [t('schemaVersion'), `${doc.schema} v${doc.version}`],
  ];
  const content: unknown[] = [
    { text: t('title'), fontSize: 18, bold: true, margin: [0, 0, 0, 6] },
    { text: t('intro'), margin: [0, 0, 0, 8] },
    {
      table: { widths: [130, '*'], body: header.map(([k, v]) => [{ text: k, bold: true }, v]) },
      layout: 'lightHorizontalLines',
      margin: [0, 0, 0, 12],
    },
  ];
  for (const key of SUBJECT_SECTION_KEYS) content.push(...section(key));
  return renderPdf({
    info: { title: t('title') },
    pageMargins: [36, 36, 36, 48],
    content,
    footer: (page: number, pages: number) => ({
      text: `${t('title')} · ${studentName} · ${t('pageOf', { page, pages })}`,
      alignment: 'center',
      fontSize: 8,
      margin: [0, 20, 0, 0],
    }),
  });

  function section(key: SubjectSectionKey): unknown[] {
    const rows = doc.sections[key] as Record<string, unknown>[];
    const columns = Object.keys(ZSubjectSections.shape[key].element.shape).filter((c) => !JSON_ONLY.has(c));
    const out: unknown[] = [
      { text: t(`sections.${key}`), fontSize: 13, bold: true, margin: [0, 10, 0, 4], headlineLevel: 1 },
    ];
    if (rows.length === 0) return [...out, { text: t('none'), italics: true }];
    const printed = rows.slice(0, SUBJECT_EXPORT_PDF_ROWS);
    if (columns.length <= MAX_TABLE_COLUMNS)
      out.push({
        table: {
          headerRows: 1,
          widths: columns.map(() => '*'),
          body: [
            columns.map((c) => ({ text: field(c), bold: true })),
            ...printed.map((r) => columns.map((c) => shown(c, r[c], lang))),
          ],
        },
        layout: 'lightHorizontalLines',
        fontSize: 9,
      });
    else
      for (const r of printed) {
        const body = columns
          .map((c) => [field(c), shown(c, r[c], lang)])
          .filter(([, v]) => v !== '')
          .map(([k, v]) => [{ text: k, bold: true }, v]);
        out.push({
          table: { widths: [130, '*'], body: body.length > 0 ? body : [['', '']] },
          layout: 'lightHorizontalLines',
          fontSize: 9,
          margin: [0, 0, 0, 6],
        });
      }
    if (rows.length > printed.length)
      out.push({ text: t('more', { count: rows.length - printed.length }), margin: [0, 4, 0, 0] });
    if (doc.truncated.includes(key)) out.push({ text: t('truncated'), margin: [0, 2, 0, 0] });
    return out;
  }
}
