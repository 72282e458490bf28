import { renderPdf } from '../../platform/pdf.ts';

/** A letter as a one- or two-page PDF: the school as the letterhead, the subject, then the text. */
export function letterPdf(letter: { schoolName: string; subject: string; body: string }): Promise<Buffer> {
  return renderPdf({
    info: { title: letter.subject },
    pageMargins: [56, 56, 56, 56],
    defaultStyle: { font: 'Roboto', fontSize: 11, lineHeight: 1.25 },
    content: [
      { text: letter.schoolName, fontSize: 10, color: '#444444', margin: [0, 0, 0, 24] },
      { text: letter.subject, fontSize: 14, bold: true, margin: [0, 0, 0, 16] },
      // Empty lines separate paragraphs; line breaks inside one are kept.
      ...letter.body
        .split(/\n{2,}/)
        .map((paragraph) => ({ text: paragraph, margin: [0, 0, 0, 10], preserveLeadingSpaces: true })),
    ],
  });
}
