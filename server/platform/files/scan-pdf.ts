import { inflateSync } from 'node:zlib';
import type { ScanProblem } from './scan-images.ts';

/**
 * Names that make a PDF do something rather than show pages: scripts (/JavaScript, /JS, which is
 * also how /OpenAction and /AA run one), starting programs (/Launch), files carried inside
 * (/EmbeddedFile(s), /GoToE), Flash and video (/RichMedia), forms that send or load data
 * (/SubmitForm, /ImportData) and XFA forms (their own scripts). A scan needs none of them.
 */
const ACTIVE_NAMES = new Set([
  'JavaScript',
  'JS',
  'Launch',
  'EmbeddedFile',
  'EmbeddedFiles',
  'GoToE',
  'RichMedia',
  'SubmitForm',
  'ImportData',
  'XFA',
]);
/** What all object streams of one PDF may inflate to (its dictionaries, never its images). */
const MAX_OBJECT_STREAM_BYTES = 20 * 1024 * 1024;

const DAMAGED = 'file_damaged';
const HEADER = /^%PDF-(?:1\.[0-7]|2\.0)[\r\n\t ]/;

const isSpace = (c: number) =>
  c === 0x00 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d || c === 0x20;
/** Bytes that are neither whitespace nor a delimiter, ( ) < > [ ] { } / %: the letters of tokens. */
const REGULAR = new Uint8Array(256).map((_, c) =>
  isSpace(c) || '()<>[]{}/%'.includes(String.fromCharCode(c)) ? 0 : 1,
);
const isRegular = (c: number) => REGULAR[c] === 1;

/** The longest active name with every letter escaped (#xx), and its slash. */
const MAX_ESCAPED_NAME = 1 + 3 * Math.max(...[...ACTIVE_NAMES].map((n) => n.length));
/** The first bytes an active name can have: its initial, or # of an escape. */
const ACTIVE_INITIALS = new Set([...[...ACTIVE_NAMES].map((n) => n.charCodeAt(0)), 0x23]);
const ENDSTREAM = Buffer.from('endstream', 'latin1');
/** How much of a stream's dictionary is read for its /Length, /Type and /Filter. */
const MAX_DICTIONARY = 4096;

const isKeyword = (b: Buffer, start: number, end: number, word: string) =>
  end - start === word.length && b.toString('latin1', start, end) === word;

/** A name with its #xx escapes decoded (/J#53 is /JS to a reader). */
const decodeName = (raw: string) =>
  raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

/** The offset past a literal string that starts at `from` (nested parentheses, backslash escapes); -1 when unclosed. */
function skipLiteralString(b: Buffer, from: number): number {
  let depth = 0;
  for (let i = from; i < b.length; i++) {
    const c = b[i];
    if (c === 0x5c) i++;
    else if (c === 0x28) depth++;
    else if (c === 0x29 && --depth === 0) return i + 1;
  }
  return -1;
}

interface Walk {
  objects: number;
  inflated: number;
  active: boolean;
}

/** The stream's data: from after the `stream` keyword's end of line to its `endstream`. */
function streamBounds(b: Buffer, keywordEnd: number, dict: string): [number, number] | null {
  let start = keywordEnd;
  if (b[start] === 0x0d) start++;
  if (b[start] === 0x0a) start++;
  const direct = dict.includes('/Length') ? /\/Length\s+(\d+)\b(?!\s+\d+\s+R)/.exec(dict) : null;
  if (direct) {
    const end = start + Number(direct[1]);
    let after = end;
    while (after < b.length && isSpace(b[after])) after++;
    if (b.compare(ENDSTREAM, 0, 9, after, Math.min(b.length, after + 9)) === 0) return [start, end];
  }
  const end = b.indexOf(ENDSTREAM, start);
  return end < 0 ? null : [start, end];
}

/** The inflated bytes of an object stream, or null when they cannot be read (so cannot be checked). */
function objectStreamData(data: Buffer, dict: string, walk: Walk): Buffer | null {
  const filter = /\/Filter\s*(\[?)\s*\/(\w+)\s*(\]?)/.exec(dict);
  if (!filter) return data;
  if (filter[2] !== 'FlateDecode' || /\/Filter\s*\[\s*\/\w+\s*\/\w+/.test(dict)) return null;
  try {
    const out = inflateSync(data, { maxOutputLength: MAX_OBJECT_STREAM_BYTES - walk.inflated });
    walk.inflated += out.length;
    return out;
  } catch {
    return null;
  }
}

/**
 * Reads a PDF's tokens outside its strings, comments and stream data: counts `obj` keywords, marks
 * an active name, and reads object streams (PDF 1.5 compressed objects) the same way. Stream data
 * (page images, content) is skipped by its length, so bytes of a picture are never taken for names.
 */
function walkTokens(b: Buffer, walk: Walk, inObjectStream: boolean): boolean {
  let objectAt = 0;
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c === 0x25) {
      while (i < b.length && b[i] !== 0x0a && b[i] !== 0x0d) i++;
    } else if (c === 0x28) {
      i = skipLiteralString(b, i);
      if (i < 0) return false;
    } else if (c === 0x3c) {
      if (b[i + 1] === 0x3c) i += 2;
      else {
        i = b.indexOf(0x3e, i);
        if (i < 0) return false;
        i++;
      }
    } else if (c === 0x2f) {
      let end = i + 1;
      while (end < b.length && isRegular(b[end])) end++;
      // Only a name as long as an active one, escapes and all, is read as text.
      if (end - i <= MAX_ESCAPED_NAME && ACTIVE_INITIALS.has(b[i + 1])) {
        const name = b.toString('latin1', i + 1, end);
        if (ACTIVE_NAMES.has(name.includes('#') ? decodeName(name) : name)) walk.active = true;
      }
      i = end;
    } else if (isRegular(c)) {
      let end = i + 1;
      while (end < b.length && isRegular(b[end])) end++;
      if (isKeyword(b, i, end, 'obj')) {
        walk.objects++;
        objectAt = end;
      } else if (!inObjectStream && isKeyword(b, i, end, 'stream')) {
        const raw = b.toString('latin1', Math.max(objectAt, i - MAX_DICTIONARY), i);
        const dict = raw.includes('#') ? decodeName(raw) : raw;
        const bounds = streamBounds(b, end, dict);
        if (!bounds) return false;
        if (dict.includes('ObjStm') && /\/Type\s*\/ObjStm\b/.test(dict)) {
          const inner = objectStreamData(b.subarray(bounds[0], bounds[1]), dict, walk);
          if (!inner || !walkTokens(inner, walk, true)) return false;
        }
        end = bounds[1];
      }
      i = end;
    } else i++;
  }
  return true;
}

/**
 * A PDF as a reader finds it: a `%PDF-1.0`…`%PDF-2.0` header line, `%%EOF` in the last 1 KB with
 * nothing but whitespace after it, `startxref` with an offset inside the file right before it, and
 * at least one object; strings and streams closed. Refused as active content when any dictionary,
 * also inside compressed object streams and however its names are escaped, uses one of
 * ACTIVE_NAMES. An object stream that cannot be inflated cannot be checked, so it is refused too.
 */
export function checkPdf(b: Buffer): ScanProblem | null {
  if (!HEADER.test(b.toString('latin1', 0, 16))) return DAMAGED;
  const tailStart = Math.max(0, b.length - 1024);
  const tail = b.toString('latin1', tailStart);
  const eof = tail.lastIndexOf('%%EOF');
  if (eof < 0 || !/^[\s\0]*$/.test(tail.slice(eof + 5))) return DAMAGED;
  const before = b.toString('latin1', Math.max(0, tailStart + eof - 64), tailStart + eof);
  const xref = /startxref\s+(\d+)\s+$/.exec(before);
  if (!xref || Number(xref[1]) >= b.length) return DAMAGED;
  const walk: Walk = { objects: 0, inflated: 0, active: false };
  if (!walkTokens(b, walk, false) || walk.objects === 0) return DAMAGED;
  return walk.active ? 'file_active_content' : null;
}
