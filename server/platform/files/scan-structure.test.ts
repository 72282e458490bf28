import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  minimalPdf,
  ONE_PIXEL_JPEG,
  ONE_PIXEL_PNG,
  PNG_SIGNATURE,
  pngChunk,
  pngDeclaring,
  pngOf,
} from '../../../test/scan-samples.ts';
import { renderPdf } from '../pdf.ts';
import { checkJpeg, checkPng, MAX_IMAGE_PIXELS, MAX_IMAGE_SIDE } from './scan-images.ts';
import { checkPdf } from './scan-pdf.ts';
import { checkScanStructure } from './scans.ts';

/** A photo of a receipt as a real encoder wrote it (@napi-rs/canvas: JPEG with a colour profile, PNG). */
const PHOTO_JPEG = readFileSync(new URL('../../../test/fixtures/receipt-photo.jpg', import.meta.url));
const PHOTO_PNG = readFileSync(new URL('../../../test/fixtures/receipt-photo.png', import.meta.url));

/** A PDF as the server writes its own (pdfmake), with a photo on its page when given. */
function generatedPdf(photo: Buffer | null): Promise<Buffer> {
  const text = 'Iesniegums par atbalsta pasākumiem — Jānis Bērziņš, 7.b klase.';
  const image = photo ? [{ image: `data:image/jpeg;base64,${photo.toString('base64')}`, width: 400 }] : [];
  return renderPdf({ content: [text, ...image] });
}

/** The 1×1 JPEG with its frame header (SOF0) declaring another size. */
function jpegDeclaring(width: number, height: number): Buffer {
  const jpeg = Buffer.from(ONE_PIXEL_JPEG);
  const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
  jpeg.writeUInt16BE(height, sof + 5);
  jpeg.writeUInt16BE(width, sof + 7);
  return jpeg;
}

/** A PDF whose objects are `objects` (each a dictionary or an object with its stream), xref right. */
function pdfWith(objects: (string | Buffer)[]): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let size = parts[0].length;
  objects.forEach((o, i) => {
    offsets.push(size);
    const part = Buffer.concat([
      Buffer.from(`${i + 1} 0 obj\n`),
      typeof o === 'string' ? Buffer.from(o, 'latin1') : o,
      Buffer.from('\nendobj\n'),
    ]);
    parts.push(part);
    size += part.length;
  });
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets
    .map((at) => `${String(at).padStart(10, '0')} 00000 n \n`)
    .join('')}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${size}\n%%EOF\n`;
  return Buffer.concat([...parts, Buffer.from(xref)]);
}

const CATALOG = '<< /Type /Catalog /Pages 2 0 R >>';
const PAGES = '<< /Type /Pages /Kids [] /Count 0 >>';

/** An object stream (PDF 1.5) holding `text` as its one object, deflated. */
function objectStream(text: string): Buffer {
  const data = deflateSync(Buffer.from(`4 0 ${text}`, 'latin1'));
  return Buffer.concat([
    Buffer.from(`<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${data.length} >>\nstream\n`),
    data,
    Buffer.from('\nendstream'),
  ]);
}

describe('PNG structure', () => {
  it('accepts whole PNGs: made here and written by a real encoder', () => {
    expect(checkPng(ONE_PIXEL_PNG)).toBeNull();
    expect(checkPng(pngOf(40, 30))).toBeNull();
    expect(checkPng(PHOTO_PNG)).toBeNull();
  });

  it('refuses a PNG that is only its signature, or its signature and IHDR', () => {
    expect(checkPng(PNG_SIGNATURE)).toBe('file_damaged');
    expect(checkPng(ONE_PIXEL_PNG.subarray(0, 8 + 25))).toBe('file_damaged');
  });

  it('refuses a PNG cut short anywhere', () => {
    const png = pngOf(40, 30);
    for (const cut of [9, 20, 40, png.length - 13, png.length - 1])
      expect(checkPng(png.subarray(0, cut)), `cut at ${cut}`).toBe('file_damaged');
  });

  it('refuses a PNG with one byte of its data changed (the CRC no longer matches)', () => {
    const png = Buffer.from(pngOf(40, 30));
    png[50] ^= 0x01;
    expect(checkPng(png)).toBe('file_damaged');
  });

  it('refuses a chunk longer than the file', () => {
    const png = Buffer.from(ONE_PIXEL_PNG);
    png.writeUInt32BE(0x7ffffff0, 33); // the IDAT's length
    expect(checkPng(png)).toBe('file_damaged');
  });

  it('refuses a PNG without image data, without IEND or with IHDR not first', () => {
    const ihdr = ONE_PIXEL_PNG.subarray(8, 33);
    expect(checkPng(Buffer.concat([PNG_SIGNATURE, ihdr, pngChunk('IEND')]))).toBe('file_damaged');
    expect(checkPng(ONE_PIXEL_PNG.subarray(0, ONE_PIXEL_PNG.length - 12))).toBe('file_damaged');
    expect(checkPng(Buffer.concat([PNG_SIGNATURE, pngChunk('tEXt', Buffer.from('a\0b')), ihdr]))).toBe(
      'file_damaged',
    );
  });

  it('refuses anything after IEND: HTML, another file, even whitespace', () => {
    for (const tail of ['<html><script>alert(1)</script></html>', 'PK\x03\x04', '\n'])
      expect(checkPng(Buffer.concat([ONE_PIXEL_PNG, Buffer.from(tail, 'latin1')])), tail).toBe(
        'file_damaged',
      );
  });

  it('refuses a decompression bomb: 100,000 × 100,000 pixels declared', () => {
    expect(checkPng(pngDeclaring(100_000, 100_000))).toBe('file_image_too_large');
    expect(checkPng(pngDeclaring(MAX_IMAGE_SIDE + 1, 10))).toBe('file_image_too_large');
    expect(checkPng(pngDeclaring(MAX_IMAGE_SIDE, MAX_IMAGE_SIDE))).toBe('file_image_too_large');
    expect(checkPng(pngDeclaring(10_000, MAX_IMAGE_PIXELS / 10_000))).toBeNull();
    expect(checkPng(pngDeclaring(0, 10))).toBe('file_damaged');
  });
});

describe('JPEG structure', () => {
  it('accepts whole JPEGs: the 1×1 sample and a photo from a real encoder', () => {
    expect(checkJpeg(ONE_PIXEL_JPEG)).toBeNull();
    expect(checkJpeg(PHOTO_JPEG)).toBeNull();
  });

  it('accepts a little padding after EOI and a second whole image (a camera’s gain map)', () => {
    expect(checkJpeg(Buffer.concat([ONE_PIXEL_JPEG, Buffer.alloc(100), Buffer.from('\r\n')]))).toBeNull();
    expect(checkJpeg(Buffer.concat([ONE_PIXEL_JPEG, ONE_PIXEL_JPEG]))).toBeNull();
  });

  it('accepts a progressive JPEG: several scans, tables between them', () => {
    const jpeg = Buffer.from(ONE_PIXEL_JPEG);
    jpeg[jpeg.indexOf(Buffer.from([0xff, 0xc0])) + 1] = 0xc2;
    const sos = jpeg.indexOf(Buffer.from([0xff, 0xda]));
    const scan = jpeg.subarray(sos, jpeg.length - 2);
    const dht = jpeg.subarray(jpeg.indexOf(Buffer.from([0xff, 0xc4])), sos);
    const progressive = Buffer.concat([jpeg.subarray(0, jpeg.length - 2), dht, scan, jpeg.subarray(-2)]);
    expect(checkJpeg(progressive)).toBeNull();
  });

  it('refuses a JPEG that is only its header, or cut short anywhere', () => {
    expect(checkJpeg(Buffer.from([0xff, 0xd8, 0xff]))).toBe('file_damaged');
    expect(checkJpeg(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]))).toBe('file_damaged');
    const photo = PHOTO_JPEG;
    for (const cut of [4, 100, 600, photo.length - 2, photo.length - 1])
      expect(checkJpeg(photo.subarray(0, cut)), `cut at ${cut}`).toBe('file_damaged');
  });

  it('refuses a JPEG without a frame header, or with a lossless or arithmetic-coded one', () => {
    const jpeg = Buffer.from(ONE_PIXEL_JPEG);
    const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
    const withoutFrame = Buffer.concat([
      jpeg.subarray(0, sof),
      jpeg.subarray(sof + 2 + jpeg.readUInt16BE(sof + 2)),
    ]);
    expect(checkJpeg(withoutFrame)).toBe('file_damaged');
    for (const marker of [0xc3, 0xc9]) {
      const other = Buffer.from(jpeg);
      other[sof + 1] = marker;
      expect(checkJpeg(other)).toBe('file_damaged');
    }
  });

  it('refuses a segment whose length runs past the file', () => {
    const jpeg = Buffer.from(ONE_PIXEL_JPEG);
    jpeg.writeUInt16BE(0xfff0, 4); // the first quantisation table's length
    expect(checkJpeg(jpeg)).toBe('file_damaged');
  });

  it('refuses bytes after EOI: HTML, a video, more than 1 KB of padding', () => {
    for (const tail of [
      Buffer.from('<html><script>alert(1)</script></html>'),
      Buffer.from('\0\0\0\x18ftypmp42'),
    ])
      expect(checkJpeg(Buffer.concat([ONE_PIXEL_JPEG, tail]))).toBe('file_damaged');
    expect(checkJpeg(Buffer.concat([ONE_PIXEL_JPEG, Buffer.alloc(2000)]))).toBe('file_damaged');
  });

  it('refuses huge dimensions and zero ones', () => {
    expect(checkJpeg(jpegDeclaring(60_000, 60_000))).toBe('file_image_too_large');
    expect(checkJpeg(jpegDeclaring(MAX_IMAGE_SIDE + 1, 1))).toBe('file_image_too_large');
    expect(checkJpeg(jpegDeclaring(12_000, 9_000))).toBe('file_image_too_large');
    expect(checkJpeg(jpegDeclaring(10_000, 10_000))).toBeNull();
    expect(checkJpeg(jpegDeclaring(100, 0))).toBe('file_damaged');
  });
});

describe('PDF structure', () => {
  it('accepts whole PDFs: the minimal sample and PDFs the server writes (pdfmake), one with a photo in it', async () => {
    expect(checkPdf(minimalPdf())).toBeNull();
    expect(checkPdf(minimalPdf('another copy'))).toBeNull();
    expect(checkPdf(await generatedPdf(null))).toBeNull();
    expect(checkPdf(await generatedPdf(PHOTO_JPEG))).toBeNull();
  });

  it('accepts compressed object streams whose objects are harmless, and whitespace after %%EOF', () => {
    expect(
      checkPdf(pdfWith([CATALOG, PAGES, '<< >>', objectStream('<< /Type /Font /Subtype /Type1 >>')])),
    ).toBeNull();
    expect(checkPdf(Buffer.concat([minimalPdf(), Buffer.from('\r\n\0 ')]))).toBeNull();
  });

  it('refuses a PDF that is only a header, or "%PDF-" and anything', () => {
    expect(checkPdf(Buffer.from('%PDF-'))).toBe('file_damaged');
    expect(checkPdf(Buffer.from('%PDF-1.4\n'))).toBe('file_damaged');
    expect(checkPdf(Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'))).toBe(
      'file_damaged',
    );
    expect(checkPdf(Buffer.from('%PDF-9.9\n1 0 obj <<>> endobj\nstartxref\n9\n%%EOF\n'))).toBe(
      'file_damaged',
    );
    expect(checkPdf(Buffer.from('%PDF-1.4\ngarbage\nstartxref\n9\n%%EOF\n'))).toBe('file_damaged');
  });

  it('refuses a PDF cut short, with a startxref past its end or with HTML after %%EOF', () => {
    const pdf = minimalPdf();
    expect(checkPdf(pdf.subarray(0, pdf.length - 20))).toBe('file_damaged');
    expect(
      checkPdf(Buffer.from(pdf.toString('latin1').replace(/startxref\n\d+/, 'startxref\n99999'), 'latin1')),
    ).toBe('file_damaged');
    expect(checkPdf(Buffer.concat([pdf, Buffer.from('<html><script>alert(1)</script></html>')]))).toBe(
      'file_damaged',
    );
    expect(checkPdf(Buffer.concat([pdf, Buffer.alloc(1100, 0x20), Buffer.from('x')]))).toBe('file_damaged');
  });

  it('refuses a PDF with JavaScript, an opening script, a launch action or an attached file', () => {
    const cases = [
      '<< /Type /Catalog /Pages 2 0 R /Names << /JavaScript 3 0 R >> >>',
      '<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>',
      '<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /Launch /F (cmd.exe) >> >>',
      '<< /Type /Catalog /Pages 2 0 R /Names << /EmbeddedFiles 3 0 R >> >>',
      '<< /Type /Catalog /Pages 2 0 R /AcroForm << /XFA 3 0 R >> >>',
      // Escaped names are the same names to a reader: /J#61vaScript is /JavaScript.
      '<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >> >>',
    ];
    for (const catalog of cases)
      expect(checkPdf(pdfWith([catalog, PAGES, '<< >>'])), catalog).toBe('file_active_content');
  });

  it('refuses JavaScript hidden in a compressed object stream, and an object stream it cannot read', () => {
    const js = objectStream('<< /S /JavaScript /JS (app.alert(1)) >>');
    expect(checkPdf(pdfWith([CATALOG, PAGES, '<< >>', js]))).toBe('file_active_content');
    const broken = Buffer.from(
      objectStream('<< >>').toString('latin1').replace('stream\n', 'stream\nxx'),
      'latin1',
    );
    expect(checkPdf(pdfWith([CATALOG, PAGES, '<< >>', broken]))).toBe('file_damaged');
  });

  it('takes names only outside strings and stream data: "/JS" in text or in image bytes is no script', () => {
    const text = '<< /Type /Catalog /Pages 2 0 R /Title (About /JS and /Launch \\) in a title) >>';
    const bytes = Buffer.from(' /JS /Launch /JavaScript ');
    const image = Buffer.concat([
      Buffer.from(`<< /Length ${bytes.length} >>\nstream\n`),
      bytes,
      Buffer.from('\nendstream'),
    ]);
    expect(checkPdf(pdfWith([text, PAGES, image]))).toBeNull();
  });
});

describe('checkScanStructure', () => {
  it('checks each file by the type it was sniffed as', () => {
    expect(checkScanStructure('application/pdf', minimalPdf())).toBeNull();
    expect(checkScanStructure('image/png', ONE_PIXEL_PNG)).toBeNull();
    expect(checkScanStructure('image/jpeg', ONE_PIXEL_JPEG)).toBeNull();
    expect(checkScanStructure('image/jpeg', ONE_PIXEL_PNG)).toBe('file_damaged');
  });
});
