import { crc32, deflateRawSync, constants as z } from 'node:zlib';
import ExcelJS from 'exceljs';

/** An XLSX whose header has one cell in the sheet's last column (XFD1) over `rows` one-cell rows. */
export async function wideSheetXlsx(rows = 3000): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Saraksts');
  sheet.getCell('A1').value = 'Personas kods';
  sheet.getCell('XFD1').value = 'x';
  for (let r = 2; r <= rows; r++) sheet.getCell(`A${r}`).value = `r${r}`;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** An XLSX of `rows` data rows (two columns), written by exceljs's streaming writer. */
export async function manyRowsXlsx(rows: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const { PassThrough } = await import('node:stream');
  const out = new PassThrough();
  out.on('data', (c: Buffer) => chunks.push(c));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Saraksts');
  sheet.addRow(['Personas kods', 'Vārds']).commit();
  for (let r = 1; r <= rows; r++) sheet.addRow([`0101${r}`, `V${r}`]).commit();
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

interface ZipPart {
  name: string;
  data: Buffer; // deflated
  size: number; // declared unpacked size
  crc: number;
}

/** A zip archive of deflated parts, written by hand so a part can declare any size. */
export function zipOf(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(p.crc >>> 0, 16);
    central.writeUInt32LE(p.data.length, 20);
    central.writeUInt32LE(p.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, p.data);
    centrals.push(central, name);
    offset += 30 + name.length + p.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

function part(name: string, text: string): ZipPart {
  const raw = Buffer.from(text);
  return { name, data: deflateRawSync(raw), size: raw.length, crc: crc32(raw) };
}

/**
 * An XLSX of about 2 MB whose worksheet unpacks to `megabytes` MB (a zip bomb): one deflated 1 MB
 * block of rows repeated, each block independent of the others (a full flush resets the window).
 */
export function zipBombXlsx(megabytes = 1000): Buffer {
  const row = '<row r="2"><c r="A2" t="inlineStr"><is><t>aaaaaaaaaaaaaaaaaaaaaaaa</t></is></c></row>';
  const block = Buffer.from(row.repeat(Math.ceil((1024 * 1024) / row.length))).subarray(0, 1024 * 1024);
  const head = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  );
  const flush = { finishFlush: z.Z_FULL_FLUSH };
  const deflated = [deflateRawSync(head, flush)];
  const blockDeflated = deflateRawSync(block, flush);
  for (let i = 0; i < megabytes; i++) deflated.push(blockDeflated);
  deflated.push(deflateRawSync(Buffer.from('</sheetData></worksheet>')));
  const sheet: ZipPart = {
    name: 'xl/worksheets/sheet1.xml',
    data: Buffer.concat(deflated),
    size: head.length + megabytes * block.length + 24,
    crc: 0, // never reached: the archive is refused before anything is inflated
  };
  const ns = 'http://schemas.openxmlformats.org/';
  return zipOf([
    part(
      '[Content_Types].xml',
      `<?xml version="1.0"?><Types xmlns="${ns}package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
    ),
    part(
      '_rels/.rels',
      `<?xml version="1.0"?><Relationships xmlns="${ns}package/2006/relationships"><Relationship Id="rId1" Type="${ns}officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    part(
      'xl/workbook.xml',
      `<?xml version="1.0"?><workbook xmlns="${ns}spreadsheetml/2006/main" xmlns:r="${ns}officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ),
    part(
      'xl/_rels/workbook.xml.rels',
      `<?xml version="1.0"?><Relationships xmlns="${ns}package/2006/relationships"><Relationship Id="rId1" Type="${ns}officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    ),
    sheet,
  ]);
}
