import { writeFileSync } from 'node:fs';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * Reading PDFs in tests with pdf.js (pdfjs-dist's legacy build, the one meant for Node), so that the
 * tests need no poppler-utils or any other program installed on the machine.
 */
async function open(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  return getDocument({
    // pdf.js hands the buffer to its worker and detaches it: give it a copy.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    useSystemFonts: false,
    verbosity: 0, // errors only
  }).promise;
}

/** The text of every page, a line per line of the PDF and a form feed between pages (as pdftotext). */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await open(bytes);
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str + (item.hasEOL ? '\n' : '');
      }
      pages.push(text.normalize('NFC'));
      page.cleanup();
    }
    return pages.join('\f');
  } finally {
    await doc.destroy();
  }
}

/**
 * Draws one page as a PNG, for people to look at (pdf.js draws through @napi-rs/canvas, which it
 * installs as an optional dependency with a prebuilt binary).
 */
export async function pdfPageToPng(
  bytes: Uint8Array,
  file: string,
  pageNumber = 1,
  scale = 1,
): Promise<void> {
  const doc = await open(bytes);
  try {
    const page = await doc.getPage(pageNumber);
    const viewport = page.getViewport({ scale });
    type NodeCanvas = { getContext(kind: '2d'): unknown; toBuffer(mime: 'image/png'): Buffer };
    const factory = doc.canvasFactory as {
      create(w: number, h: number): { canvas: NodeCanvas; context: unknown };
    };
    const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
    await page.render({
      canvas: canvas as unknown as HTMLCanvasElement,
      canvasContext: context as CanvasRenderingContext2D,
      viewport,
      background: 'white',
    }).promise;
    writeFileSync(file, canvas.toBuffer('image/png'));
    page.cleanup();
  } finally {
    await doc.destroy();
  }
}
