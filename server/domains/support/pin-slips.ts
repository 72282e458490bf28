import type { Language } from '../../../common/roles.ts';
import { t as tr } from '../../platform/i18n/index.ts';
import { renderPdf } from '../../platform/pdf.ts';

/** One slip: the student's name, class and the new PIN — nothing else (no personal code). */
export interface PinSlip {
  name: string;
  classLabel: string;
  pin: string;
}

const PER_ROW = 3;

/** A sheet of slips to cut apart, three across, with dashed cutting lines. */
export function pinSlipsPdf(slips: PinSlip[], lang: Language): Promise<Buffer> {
  const slip = (s: PinSlip) => ({
    stack: [
      { text: s.name, bold: true, fontSize: 11, margin: [0, 0, 0, 4] },
      { text: `${tr(lang, 'pinSlips.cls')}: ${s.classLabel}` },
      { text: `${tr(lang, 'pinSlips.pin')}: ${s.pin}`, fontSize: 16, bold: true, margin: [0, 6, 0, 0] },
    ],
    margin: [8, 10, 8, 10],
  });
  const rows: unknown[][] = [];
  for (let i = 0; i < slips.length; i += PER_ROW) {
    const row: unknown[] = slips.slice(i, i + PER_ROW).map(slip);
    while (row.length < PER_ROW) row.push({ text: '' });
    rows.push(row);
  }
  const dash = () => ({ dash: { length: 4 } });
  return renderPdf({
    info: { title: tr(lang, 'pinSlips.title') },
    pageMargins: [30, 30, 30, 30],
    content: [
      {
        table: { widths: Array(PER_ROW).fill('*'), body: rows, dontBreakRows: true },
        layout: {
          hLineStyle: dash,
          vLineStyle: dash,
          hLineColor: () => '#888888',
          vLineColor: () => '#888888',
        },
      },
    ],
  });
}
