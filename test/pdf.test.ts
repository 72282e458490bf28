import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pdfPageToPng, pdfText } from './pdf.ts';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');

/** A two-page PDF made the way the plan PDF is made: pdfmake with its Roboto. */
async function samplePdf(): Promise<Buffer> {
  const pdfmake = require('pdfmake') as {
    setFonts(f: unknown): void;
    setUrlAccessPolicy(cb: (url: string) => boolean): void;
    setLocalAccessPolicy(cb: (p: string) => boolean): void;
    createPdf(doc: unknown): { getBuffer(): Promise<Buffer> };
  };
  pdfmake.setFonts({
    Roboto: {
      normal: path.join(FONT_DIR, 'Roboto-Regular.ttf'),
      bold: path.join(FONT_DIR, 'Roboto-Medium.ttf'),
      italics: path.join(FONT_DIR, 'Roboto-Italic.ttf'),
      bolditalics: path.join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
    },
  });
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy((p) => path.resolve(p).startsWith(FONT_DIR));
  return pdfmake
    .createPdf({
      defaultStyle: { font: 'Roboto', fontSize: 10 },
      content: [
        { text: 'Individuālais atbalsta plāns', fontSize: 18, bold: true },
        { table: { body: [[{ text: 'Statuss', bold: true }, 'Apstiprināts']] } },
        'ā č ē ģ ī ķ ļ ņ š ū ž',
        { text: 'Ā Č Ē Ģ Ī Ķ Ļ Ņ Š Ū Ž', pageBreak: 'before' },
      ],
    })
    .getBuffer();
}

describe('reading PDFs in tests without poppler', () => {
  it('gives the text of each page with every Latvian letter as written', async () => {
    const text = await pdfText(await samplePdf());
    const pages = text.split('\f');
    expect(pages).toHaveLength(2);
    expect(pages[0]).toContain('Individuālais atbalsta plāns');
    expect(pages[0]).toContain('Statuss Apstiprināts');
    expect(pages[0]).toContain('ā č ē ģ ī ķ ļ ņ š ū ž');
    expect(pages[1]).toContain('Ā Č Ē Ģ Ī Ķ Ļ Ņ Š Ū Ž');
    expect(pages[1]).not.toContain('Apstiprināts');
  });

  it('leaves the caller its bytes (pdf.js would otherwise detach them)', async () => {
    const bytes = await samplePdf();
    await pdfText(bytes);
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
    expect(await pdfText(bytes)).toContain('Apstiprināts');
  });

  it('refuses what is not a PDF', async () => {
    await expect(pdfText(Buffer.from('not a pdf'))).rejects.toThrow();
  });

  it('draws a page as a PNG', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pumpurs-pdf-test-'));
    try {
      const file = path.join(dir, 'page.png');
      await pdfPageToPng(await samplePdf(), file);
      const png = readFileSync(file);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      // An A4 page (595.28 × 841.89 points) at 72 dpi, rounded up.
      expect(png.readUInt32BE(16)).toBe(596);
      expect(png.readUInt32BE(20)).toBe(842);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
