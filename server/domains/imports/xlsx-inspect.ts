import yauzl from 'yauzl';
import { type TableLimits, TableParseError } from './table-limits.ts';

/** An XLSX has a dozen parts; thousands of entries is not a spreadsheet. */
const MAX_ZIP_ENTRIES = 500;
const ROW_TAG = /<(?:\w+:)?row[\s>/]/g;
const CELL_REF = /<(?:\w+:)?c\s[^>]*?\br="([A-Z]{1,3})\d+"/g;

/** 1 for A, 16,384 for XFD. */
function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** The rightmost column a cell of this piece of sheet XML refers to. */
export function widestColumn(xml: string): number {
  let widest = 0;
  for (const m of xml.matchAll(CELL_REF)) widest = Math.max(widest, columnIndex(m[1]));
  return widest;
}

/** Opens a zip held in memory or, given a path, read from disk as needed. */
function openZip(content: Buffer | string): Promise<yauzl.ZipFile> {
  const options = { lazyEntries: true, validateEntrySizes: true };
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, zip?: yauzl.ZipFile) =>
      err || !zip ? reject(new TableParseError('import_format')) : resolve(zip);
    // Kept open until `inspectXlsx` closes it: parts are read after the list of entries.
    if (typeof content === 'string') yauzl.open(content, { ...options, autoClose: false }, done);
    else yauzl.fromBuffer(content, options, done);
  });
}

function readEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      if (entries.length > MAX_ZIP_ENTRIES) {
        zip.close();
        reject(new TableParseError('import_format'));
      } else zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', () => reject(new TableParseError('import_format')));
    zip.readEntry();
  });
}

/**
 * Inflates one part, counting `<row>` elements and finding the rightmost cell, and stops once past
 * either limit. yauzl checks the bytes against the size the zip declared, so a part that lies
 * about its size is refused too.
 */
function scanPart(
  zip: yauzl.ZipFile,
  entry: yauzl.Entry,
  limits: { rows: number; columns: number },
): Promise<{ rows: number; widest: number }> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(new TableParseError('import_format'));
      let rows = 0;
      let widest = 0;
      let tail = '';
      stream.on('data', (chunk: Buffer) => {
        const text = tail + chunk.toString('latin1');
        let end = 0;
        for (const m of text.matchAll(ROW_TAG)) {
          rows++;
          end = (m.index ?? 0) + m[0].length;
        }
        widest = Math.max(widest, widestColumn(text));
        // A tag may be split between chunks: carry the last characters on (a row tag once only).
        tail = text.slice(Math.max(end, text.length - 64));
        if (rows > limits.rows || widest > limits.columns) {
          stream.destroy();
          resolve({ rows, widest });
        }
      });
      stream.on('end', () => resolve({ rows, widest }));
      stream.on('error', () => reject(new TableParseError('import_format')));
    });
  });
}

/**
 * Refuses a hostile XLSX before anything is inflated into memory: too many parts, parts that
 * declare more unpacked bytes than the limit (a zip bomb), a worksheet with a cell right of the
 * column limit (XFD1) or more rows than the limit (counted while streaming, so a 200,000-row sheet
 * is refused in a fraction of a second). `content` is the file's bytes or its path.
 */
export async function inspectXlsx(content: Buffer | string, limits: TableLimits): Promise<void> {
  const zip = await openZip(content);
  try {
    const entries = await readEntries(zip);
    let declared = 0;
    for (const e of entries) declared += e.uncompressedSize;
    if (declared > limits.maxUnzippedBytes) throw new TableParseError('import_too_large');
    const isSheet = (e: yauzl.Entry) => /^xl\/worksheets\/[^/]+\.xml$/i.test(e.fileName);
    if (!entries.some(isSheet)) throw new TableParseError('import_format');
    for (const entry of entries) {
      if (entry.fileName.endsWith('/')) continue;
      const scanned = await scanPart(zip, entry, { rows: limits.maxRows + 1, columns: limits.maxColumns });
      if (!isSheet(entry)) continue;
      if (scanned.widest > limits.maxColumns) throw new TableParseError('import_too_many_columns');
      if (scanned.rows > limits.maxRows + 1) throw new TableParseError('import_too_many_rows');
    }
  } finally {
    zip.close();
  }
}
