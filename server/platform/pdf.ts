import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const FONT_DIR = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');

type PdfMake = {
  setFonts(f: unknown): void;
  setUrlAccessPolicy(cb: (url: string) => boolean): void;
  setLocalAccessPolicy(cb: (p: string) => boolean): void;
  createPdf(doc: unknown): { getBuffer(): Promise<Buffer> };
};
let pdfmake: PdfMake | null = null;

function engine(): PdfMake {
  if (pdfmake) return pdfmake;
  const pm = require('pdfmake') as PdfMake;
  // Roboto ships with pdfmake and has every Latvian letter (ā č ē ģ ī ķ ļ ņ š ū ž).
  pm.setFonts({
    Roboto: {
      normal: path.join(FONT_DIR, 'Roboto-Regular.ttf'),
      bold: path.join(FONT_DIR, 'Roboto-Medium.ttf'),
      italics: path.join(FONT_DIR, 'Roboto-Italic.ttf'),
      bolditalics: path.join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
    },
  });
  pm.setUrlAccessPolicy(() => false);
  pm.setLocalAccessPolicy((p) => path.resolve(p).startsWith(FONT_DIR));
  pdfmake = pm;
  return pm;
}

/**
 * A pdfmake document definition rendered to PDF bytes, in Roboto (Latvian letters), with no access to
 * URLs and to no local file but the fonts. The plan PDF and the PIN slips use it.
 */
export function renderPdf(doc: Record<string, unknown>): Promise<Buffer> {
  return engine()
    .createPdf({ defaultStyle: { font: 'Roboto', fontSize: 10 }, ...doc })
    .getBuffer();
}
