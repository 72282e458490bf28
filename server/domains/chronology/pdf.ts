import {
  type ChronologyEntry,
  type ChronologyType,
  chronologyDayOf,
  chronologyParams,
  chronologyTextWithheld,
  chronologyWho,
  rigaParts,
} from '../../../common/api/chronology.ts';
import { formatDate } from '../../../common/format.ts';
import type { Language } from '../../../common/roles.ts';
import { now, today } from '../../platform/clock.ts';
import { hasMessage, type MessageKey, type MessageParams, t as tr } from '../../platform/i18n/index.ts';
import { renderPdf } from '../../platform/pdf.ts';

export interface ChronologyPdfInput {
  language: Language;
  studentName: string;
  schoolName: string;
  printedBy: string;
  types: ChronologyType[];
  from: string | null;
  to: string | null;
  /** The entries to print, newest first (already capped). */
  entries: ChronologyEntry[];
  /** How many entries matched (more than printed when the cap was reached). */
  total: number;
}

/** An entry's words in `lang`: its event's text, or the type's name for an event this server does not know. */
export function entryWords(e: ChronologyEntry, lang: Language): string {
  const key = `chronology.events.${e.event}`;
  const word = (section: string, code: string) => {
    const k = `chronology.${section}.${code}`;
    return hasMessage(k) ? tr(lang, k) : code;
  };
  const semester = (year: number, number: number) =>
    tr(lang, 'semester.label', { year, nextYear: year + 1, number });
  const params: MessageParams = chronologyParams(e.params, lang, word, semester);
  return hasMessage(key) ? tr(lang, key as MessageKey, params) : tr(lang, `chronology.types.${e.type}`);
}

/** dd.mm.yyyy hh:mm in Riga time. */
function rigaDateTime(at: string | Date): string {
  const { date, time } = rigaParts(new Date(at));
  return `${formatDate(date)} ${time.slice(0, 5)}`;
}

/** When an entry happened: dd.mm.yyyy hh:mm in Riga time, or only the day for a whole-day event. */
function when(at: string): string {
  const day = chronologyDayOf(at);
  return day ? formatDate(day) : rigaDateTime(at);
}

/**
 * A student's chronology as a PDF for a case conference: who, which school, when printed and by
 * whom, the filter, then the entries newest first — exactly what the reader sees (a redacted text
 * stays out) — with page numbers.
 */
export async function chronologyPdf(input: ChronologyPdfInput): Promise<Buffer> {
  const lang = input.language;
  const t = (key: string, params?: MessageParams) => tr(lang, `chronology.pdf.${key}` as MessageKey, params);
  const typeNames = input.types.map((x) => tr(lang, `chronology.types.${x}`)).join(', ');
  const range =
    input.from || input.to
      ? `${formatDate(input.from ?? '')} – ${formatDate(input.to ?? '')}`
      : t('allDates');
  const header = [
    [t('student'), input.studentName],
    [t('school'), input.schoolName],
    [t('printed'), rigaDateTime(now())],
    [t('printedBy'), input.printedBy],
    [t('types'), typeNames || t('allTypes')],
    [t('dates'), range],
  ];
  const rows = input.entries.map((e) => {
    const below: Record<string, unknown>[] = [];
    if (e.text) below.push({ text: e.text, italics: true, margin: [0, 2, 0, 0] });
    else if (chronologyTextWithheld(e.params))
      below.push({ text: t('restrictedText'), margin: [0, 2, 0, 0] });
    return [
      when(e.at),
      tr(lang, `chronology.types.${e.type}`),
      below.length > 0 ? { stack: [entryWords(e, lang), ...below] } : entryWords(e, lang),
      chronologyWho(e.params) ?? '',
    ];
  });
  return renderPdf({
    info: { title: t('title') },
    pageMargins: [40, 40, 40, 50],
    content: [
      { text: t('title'), fontSize: 18, bold: true, margin: [0, 0, 0, 8] },
      {
        table: { widths: [120, '*'], body: header.map(([k, v]) => [{ text: k, bold: true }, v]) },
        layout: 'lightHorizontalLines',
        margin: [0, 0, 0, 12],
      },
      input.total > input.entries.length
        ? { text: t('capped', { shown: input.entries.length, total: input.total }), margin: [0, 0, 0, 8] }
        : '',
      rows.length === 0
        ? { text: t('none') }
        : {
            table: {
              headerRows: 1,
              widths: [78, 62, '*', 110],
              body: [
                [t('when'), t('type'), t('what'), t('who')].map((h) => ({ text: h, bold: true })),
                ...rows,
              ],
            },
            layout: 'lightHorizontalLines',
          },
    ],
    footer: (page: number, pages: number) => ({
      text: `${input.studentName} · ${formatDate(today())} · ${t('pageOf', { page, pages })}`,
      alignment: 'center',
      fontSize: 8,
      margin: [0, 20, 0, 0],
    }),
  });
}
