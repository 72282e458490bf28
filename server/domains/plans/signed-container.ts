import yauzl from 'yauzl';
import { ASICE_TYPE } from '../../../common/api/plan-files.ts';
import { AppError } from '../../platform/errors.ts';

/** A signed container holds the document, its manifest and signatures: a few dozen entries at most. */
export const MAX_CONTAINER_ENTRIES = 200;
/** What all entries together may declare unpacked (a zip bomb declares gigabytes). */
export const MAX_CONTAINER_UNZIPPED_BYTES = 50 * 1024 * 1024;
const SIGNATURES = /^META-INF\/[^/]*signatures[^/]*\.xml$/i;

const invalid = () => new AppError(415, 'signed_container_invalid');
const tooLarge = () => new AppError(413, 'signed_container_too_large');

function openZip(content: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.fromBuffer(
      content,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: true },
      (err, zip) => (err || !zip ? reject(invalid()) : resolve(zip)),
    ),
  );
}

/** The entries as the central directory lists them; refused once past MAX_CONTAINER_ENTRIES. */
function listEntries(zip: yauzl.ZipFile): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      if (entries.length > MAX_CONTAINER_ENTRIES) {
        zip.close();
        reject(tooLarge());
      } else zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', () => reject(invalid()));
    zip.readEntry();
  });
}

/** The bytes of one small entry (yauzl checks them against the declared size). */
function readSmallEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) return reject(invalid());
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => resolve(Buffer.concat(chunks)));
      stream.on('error', () => reject(invalid()));
    });
  });
}

/**
 * Checks an ASiC-E container (.edoc/.asice of eParaksts) without unpacking it: a ZIP from its first
 * byte whose first entry is `mimetype` holding exactly application/vnd.etsi.asic-e+zip, with a
 * signature file under META-INF/. Too many entries or more declared unpacked bytes than the limit
 * (a zip bomb) is 413; anything else that is not such a container is 415.
 */
export async function checkAsicContainer(content: Buffer): Promise<void> {
  if (content.subarray(0, 4).toString('latin1') !== 'PK\x03\x04') throw invalid();
  const zip = await openZip(content);
  try {
    const entries = await listEntries(zip);
    let declared = 0;
    for (const e of entries) declared += e.uncompressedSize;
    if (declared > MAX_CONTAINER_UNZIPPED_BYTES) throw tooLarge();
    const first = entries[0];
    if (!first || first.fileName !== 'mimetype' || first.uncompressedSize > 100) throw invalid();
    const mimetype = await readSmallEntry(zip, first);
    if (mimetype.toString('latin1') !== ASICE_TYPE) throw invalid();
    if (!entries.some((e) => SIGNATURES.test(e.fileName))) throw invalid();
  } finally {
    zip.close();
  }
}
