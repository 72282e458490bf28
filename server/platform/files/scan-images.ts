import { crc32 } from 'node:zlib';

/** Why a scan's structure is refused (each a server message, answered 415). */
export type ScanProblem = 'file_damaged' | 'file_image_too_large' | 'file_active_content';

/** A side longer than any scan needs (an A3 page at 1200 dpi is about 14,000 × 19,800 pixels). */
export const MAX_IMAGE_SIDE = 20_000;
/** The pixels a viewer must hold once decoded; past this an image is a decompression bomb, not a scan. */
export const MAX_IMAGE_PIXELS = 100_000_000;

const DAMAGED = 'file_damaged';

/** Width and height as an image header declares them, checked against the limits. */
function checkDimensions(width: number, height: number): ScanProblem | null {
  if (width === 0 || height === 0) return DAMAGED;
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE || width * height > MAX_IMAGE_PIXELS)
    return 'file_image_too_large';
  return null;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** The bit depths each PNG colour type allows (PNG spec, 11.2.2). */
const PNG_BIT_DEPTHS: Record<number, number[]> = {
  0: [1, 2, 4, 8, 16],
  2: [8, 16],
  3: [1, 2, 4, 8],
  4: [8, 16],
  6: [8, 16],
};
/** The critical chunks a decoder knows; any other critical one (capital first letter) it must refuse. */
const PNG_CRITICAL = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND']);

function checkIhdr(data: Buffer): ScanProblem | null {
  if (data.length !== 13) return DAMAGED;
  const [depth, colour, compression, filter, interlace] = data.subarray(8);
  if (!PNG_BIT_DEPTHS[colour]?.includes(depth) || compression !== 0 || filter !== 0 || interlace > 1)
    return DAMAGED;
  return checkDimensions(data.readUInt32BE(0), data.readUInt32BE(4));
}

/**
 * A PNG as the spec builds it: the signature, then chunks walked to the end with their lengths in
 * bounds and every CRC-32 right; IHDR first with a valid colour type and sane dimensions, a palette
 * before the data of a palette image, one run of IDAT starting with a zlib header, and IEND last with
 * nothing after it (no encoder writes anything there; appended bytes are how a PNG carries a second
 * file or the cropped-away rest of a screenshot). The image data is not inflated.
 */
export function checkPng(b: Buffer): ScanProblem | null {
  if (!b.subarray(0, 8).equals(PNG_SIGNATURE)) return DAMAGED;
  let at = 8;
  let colour = -1;
  let palette = false;
  let data: 'before' | 'in' | 'after' = 'before';
  while (at + 12 <= b.length) {
    const length = b.readUInt32BE(at);
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > b.length) return DAMAGED;
    const type = b.toString('latin1', at + 4, at + 8);
    if (!/^[A-Za-z]{4}$/.test(type)) return DAMAGED;
    if (crc32(b.subarray(at + 4, at + 8 + length)) >>> 0 !== b.readUInt32BE(at + 8 + length)) return DAMAGED;
    const body = b.subarray(at + 8, at + 8 + length);
    const first = at === 8;
    at = end;
    if (first !== (type === 'IHDR')) return DAMAGED;
    if (type === 'IHDR') {
      const problem = checkIhdr(body);
      if (problem) return problem;
      colour = body[9];
    } else if (type === 'IEND') {
      return length === 0 && data !== 'before' && at === b.length ? null : DAMAGED;
    } else if (type === 'IDAT') {
      if (data === 'after' || (colour === 3 && !palette)) return DAMAGED;
      // The zlib header (RFC 1950): deflate, and the two bytes a multiple of 31.
      if (data === 'before' && (body.length < 2 || (body[0] & 0x0f) !== 8 || body.readUInt16BE(0) % 31 !== 0))
        return DAMAGED;
      data = 'in';
    } else {
      if (data === 'in') data = 'after';
      if (type === 'PLTE') palette = true;
      else if (type[0] === type[0].toUpperCase() && !PNG_CRITICAL.has(type)) return DAMAGED;
    }
  }
  return DAMAGED;
}

/** Frame types a browser draws: baseline, extended sequential and progressive Huffman (SOF0–SOF2). */
const JPEG_FRAMES = new Set([0xc0, 0xc1, 0xc2]);
const isFrameMarker = (m: number) => m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
/** Images one file may chain (a photo with its thumbnails or an HDR gain map, each a whole JPEG). */
const MAX_JPEG_IMAGES = 4;
/** Padding allowed after an image's EOI: zero bytes, 0xFF fill and whitespace, at most 1 KB. */
const MAX_JPEG_PADDING = 1024;
const isPadding = (c: number) => c === 0x00 || c === 0xff || c === 0x20 || (c >= 0x09 && c <= 0x0d);

function checkFrame(data: Buffer): ScanProblem | null {
  const components = data[5];
  if (data.length < 6 || components < 1 || components > 4 || data.length !== 6 + 3 * components)
    return DAMAGED;
  if (data[0] !== 8 && data[0] !== 12) return DAMAGED;
  return checkDimensions(data.readUInt16BE(3), data.readUInt16BE(1));
}

/** The offset of the marker that ends a scan's entropy-coded data, or -1 when none does. */
function skipEntropyData(b: Buffer, from: number): number {
  let at = from;
  for (;;) {
    at = b.indexOf(0xff, at);
    if (at < 0 || at + 1 >= b.length) return -1;
    const next = b[at + 1];
    // 0xFF00 is a stuffed 0xFF, 0xFFD0–D7 restart markers: both belong to the data.
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) at += 2;
    else if (next === 0xff) {
      // Fill bytes before a marker: the last 0xFF of the run is the marker's.
      while (b[at + 1] === 0xff) at++;
    } else return at;
  }
}

/** Walks one JPEG from its SOI; the offset just past its EOI, or the problem. */
function walkJpeg(b: Buffer, start: number): number | ScanProblem {
  if (b[start] !== 0xff || b[start + 1] !== 0xd8) return DAMAGED;
  let at = start + 2;
  let frame = false;
  let scan = false;
  for (;;) {
    if (b[at] !== 0xff) return DAMAGED;
    while (b[at] === 0xff) at++;
    if (at >= b.length) return DAMAGED;
    const marker = b[at++];
    if (marker === 0xd9) return scan ? at : DAMAGED;
    // A stand-alone marker where a segment must be: a second SOI, a restart outside a scan, TEM.
    if (marker === 0x00 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) return DAMAGED;
    if (at + 2 > b.length) return DAMAGED;
    const length = b.readUInt16BE(at);
    if (length < 2 || at + length > b.length) return DAMAGED;
    const from = at + 2;
    at += length;
    if (marker !== 0xda && !isFrameMarker(marker)) continue;
    const data = b.subarray(from, at);
    if (isFrameMarker(marker)) {
      if (frame || !JPEG_FRAMES.has(marker)) return DAMAGED;
      const problem = checkFrame(data);
      if (problem) return problem;
      frame = true;
    } else if (marker === 0xda) {
      const components = data[0];
      if (!frame || components < 1 || components > 4 || data.length !== 4 + 2 * components) return DAMAGED;
      scan = true;
      at = skipEntropyData(b, at);
      if (at < 0) return DAMAGED;
    }
  }
}

/**
 * A JPEG as the spec builds it: SOI, marker segments walked with their lengths in bounds, one
 * baseline or progressive frame (SOF0–SOF2) with sane dimensions before the first scan, the scans'
 * data skipped marker by marker, and EOI. After EOI only another whole JPEG (the secondary images a
 * camera appends: thumbnails, an HDR gain map; at most four in all) or up to 1 KB of padding (zero
 * bytes, 0xFF, whitespace); anything else (a motion photo's video, an appended file) is refused.
 */
export function checkJpeg(b: Buffer): ScanProblem | null {
  let at = 0;
  for (let images = 0; images < MAX_JPEG_IMAGES; images++) {
    const end = walkJpeg(b, at);
    if (typeof end !== 'number') return end;
    at = end;
    const limit = Math.min(b.length, end + MAX_JPEG_PADDING);
    while (at < limit && isPadding(b[at]) && !(b[at] === 0xff && b[at + 1] === 0xd8)) at++;
    if (at === b.length) return null;
    if (b[at] !== 0xff || b[at + 1] !== 0xd8) return DAMAGED;
  }
  return DAMAGED;
}
