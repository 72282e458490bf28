import { createHash } from 'node:crypto';
import type { RequestContext } from '../actor.ts';
import type { Db } from '../db.ts';
import { AppError, badRequest } from '../errors.ts';
import { insertStoredFile } from './repo.ts';
import { checkJpeg, checkPng, type ScanProblem } from './scan-images.ts';
import { checkPdf } from './scan-pdf.ts';

/** The largest scan accepted (the routes that take raw bodies allow a little more for framing). */
export const MAX_SCAN_BYTES = 5 * 1024 * 1024;

/** An uploaded scan as the API receives it: the raw body and its declared type. */
export interface UploadedScan {
  fileName: string;
  contentType: string;
  content: Buffer;
}

/**
 * Checks a scan (not empty, at most 5 MB, PDF/JPEG/PNG by its first bytes and matching the declared
 * type, no HTML, whole and sound by its format's structure: checkScanStructure) and stores it for the
 * organisation; used for every scan (applications, payments, referral answers, signed plans).
 */
export async function storeScan(
  ctx: RequestContext,
  file: UploadedScan,
  orgId: string,
  tx: Db,
): Promise<string> {
  if (file.content.length === 0) throw badRequest('file_empty', 'file');
  if (file.content.length > MAX_SCAN_BYTES) throw new AppError(413, 'file_too_large');
  const sniffed = sniffScanType(file.content);
  if (!sniffed || sniffed !== file.contentType) throw new AppError(415, 'file_type');
  if (looksLikeHtml(file.content)) throw new AppError(415, 'scan_content_mismatch');
  const problem = checkScanStructure(sniffed, file.content);
  if (problem) throw new AppError(415, problem);
  return insertStoredFile(tx, {
    fileName: file.fileName.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 120),
    contentType: sniffed,
    size: file.content.length,
    sha256: createHash('sha256').update(file.content).digest('hex'),
    content: file.content,
    orgId,
    createdBy: ctx.actor?.userId ?? null,
  });
}

/** Markers a browser takes for a web page; no scan has them (case-insensitive, in bytes). */
const HTML_MARKERS = /<(?:html|head|body|script|iframe|svg|!doctype)[\s>/]/i;
/** How far a scan is searched for them: well past what browsers sniff. */
const HTML_SEARCH_BYTES = 64 * 1024;

/**
 * True when the file's first 64 KB hold HTML (a PDF/HTML or image/HTML polyglot): such a file is
 * refused whatever its first bytes say, so it can never be rendered as a page.
 */
export function looksLikeHtml(content: Buffer): boolean {
  return HTML_MARKERS.test(content.subarray(0, HTML_SEARCH_BYTES).toString('latin1'));
}

/** The kind of a scan by its first bytes; the declared content type must agree. */
export function sniffScanType(content: Buffer): 'application/pdf' | 'image/jpeg' | 'image/png' | null {
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'image/jpeg';
  if (content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  return null;
}

/**
 * The scan's structure checked by its format (checkPdf, checkJpeg, checkPng): a file that only starts
 * like a PDF, JPEG or PNG, is cut short, has bytes appended, declares a decompression bomb's
 * dimensions or is a PDF with scripts is refused with the reason, before anything is stored.
 */
export function checkScanStructure(
  type: 'application/pdf' | 'image/jpeg' | 'image/png',
  content: Buffer,
): ScanProblem | null {
  if (type === 'application/pdf') return checkPdf(content);
  return type === 'image/jpeg' ? checkJpeg(content) : checkPng(content);
}
