import { z } from 'zod';
import { ZCalendarDate } from './fields.ts';

/**
 * A student's chronology: one timeline merged from risks, e-journal flags, plans and their
 * transitions, support sessions, referrals, case notes, letters (and, once they exist, outcomes).
 * Every source hands over entries of this one shape; the web and the PDF put them in words from
 * `event` (an i18n key under `chronology.events`) and `params`.
 */
export const CHRONOLOGY_TYPES = [
  'risk',
  'flag',
  'plan',
  'session',
  'referral',
  'note',
  'letter',
  'outcome',
] as const;
export type ChronologyType = (typeof CHRONOLOGY_TYPES)[number];

/** One event in a student's chronology (shared with the sources other domains register). */
export interface ChronologyEntry {
  /** Unique across the whole chronology, e.g. `plan-event:42`, `letter:<uuid>`. */
  id: string;
  /** ISO timestamp. An event known only by its day stands at 00:00 Riga time (`chronologyDayAt`). */
  at: string;
  type: ChronologyType;
  /** An i18n key under `chronology.events`, e.g. 'plan.approved', 'note.meeting', 'referral.answered'. */
  event: string;
  params: Record<string, string | number | null>;
  /** Free text the reader may see (note text, referral reason/response), else null (also when redacted). */
  text: string | null;
  /** What the entry opens (e.g. `{ kind: 'plan', id }`), or null. */
  link: { kind: string; id: string } | null;
}

export const ZChronologyEntry = z.object({
  id: z.string(),
  at: z.string(),
  type: z.enum(CHRONOLOGY_TYPES),
  event: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  text: z.string().nullable(),
  link: z.object({ kind: z.string(), id: z.string() }).nullable(),
});

/** The largest page of entries one answer carries; `nextCursor` continues with older ones. */
export const CHRONOLOGY_PAGE = 200;
/** The most entries a PDF prints (newest first); it says so when there were more. */
export const CHRONOLOGY_PDF_MAX = 1000;

export const ZChronology = z.object({
  items: z.array(ZChronologyEntry),
  /** The types that have at least one entry for this reader (what the filter offers). */
  typesWithEntries: z.array(z.enum(CHRONOLOGY_TYPES)),
  /** Present when older entries remain: pass it back as `cursor`. */
  nextCursor: z.string().nullable(),
});
export type TChronology = z.infer<typeof ZChronology>;

/** `types=plan,session`: known types only (an unknown one is a 400), no repeats needed. */
const ZTypes = z
  .string()
  .max(200)
  .regex(/^[a-z_,]*$/)
  .transform((s) => s.split(',').filter(Boolean))
  .pipe(z.array(z.enum(CHRONOLOGY_TYPES)).max(CHRONOLOGY_TYPES.length * 2));

/** The position after which a page continues: the last entry's `at` and `id`, base64url JSON. */
export function encodeChronologyCursor(at: string, id: string): string {
  const json = JSON.stringify([at, id]);
  const bytes = new TextEncoder().encode(json);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decodeCursor(text: string): { at: string; id: string } | null {
  try {
    const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const parsed = JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0))));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [at, id] = parsed;
    if (typeof at !== 'string' || typeof id !== 'string' || id.length > 200) return null;
    if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/.test(at) || Number.isNaN(Date.parse(at))) return null;
    return { at, id };
  } catch {
    return null;
  }
}

const ZCursor = z
  .string()
  .max(400)
  .regex(/^[A-Za-z0-9_-]+$/, 'cursor_invalid')
  .transform((s, ctx) => {
    const c = decodeCursor(s);
    if (!c) {
      ctx.addIssue({ code: 'custom', message: 'cursor_invalid' });
      return z.NEVER;
    }
    return c;
  });

const filterFields = {
  types: ZTypes.optional(),
  from: ZCalendarDate.optional(),
  to: ZCalendarDate.optional(),
};

function checkRange(q: { from?: string; to?: string }, ctx: z.RefinementCtx) {
  if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'] });
}

export const ZChronologyQuery = z
  .strictObject({ ...filterFields, cursor: ZCursor.optional() })
  .superRefine(checkRange);
export type TChronologyQuery = z.infer<typeof ZChronologyQuery>;

export const ZChronologyPdfQuery = z
  .strictObject({ ...filterFields, language: z.enum(['lv', 'en']).optional() })
  .superRefine(checkRange);
export type TChronologyPdfQuery = z.infer<typeof ZChronologyPdfQuery>;

const RIGA = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Riga',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** The Riga date (yyyy-mm-dd) and time (hh:mm:ss) of an instant. */
export function rigaParts(at: Date): { date: string; time: string } {
  const [date, time] = RIGA.format(at).split(' ');
  return { date, time };
}

/** The instant of a Riga date and time (hh:mm), the summer/winter offset of that day, as ISO. */
export function rigaInstant(date: string, time = '00:00'): string {
  const asUtc = Date.parse(`${date}T${time}:00Z`);
  let at = asUtc;
  // Two rounds settle the offset, also next to the switch between summer and winter time.
  for (let i = 0; i < 2; i++) {
    const seen = rigaParts(new Date(at));
    at -= Date.parse(`${seen.date}T${seen.time}Z`) - asUtc;
  }
  return new Date(at).toISOString();
}

/** The `at` of an event known only by its day: 00:00:00.000 Riga time that day. */
export function chronologyDayAt(date: string): string {
  return rigaInstant(date, '00:00');
}

/**
 * The day of an entry that stands for a whole day, else null (then show the time): 00:00 Riga time
 * (`chronologyDayAt`), or 00:00 UTC of the day (how a source may write a bare date; in Latvia that
 * is still the same day).
 */
export function chronologyDayOf(at: string): string | null {
  const d = new Date(at);
  if (Number.isNaN(d.getTime()) || d.getUTCMilliseconds() !== 0) return null;
  if (d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0)
    return d.toISOString().slice(0, 10);
  const { date, time } = rigaParts(d);
  return time === '00:00:00' ? date : null;
}

/** Who did what an entry tells, from whichever param the source used (`by`, `byName`, `author`), or null. */
export function chronologyWho(params: ChronologyEntry['params']): string | null {
  for (const key of ['by', 'byName', 'author']) {
    const value = params[key];
    if (typeof value === 'string' && value) return value;
  }
  return null;
}

/** Whether the source withheld the entry's text from this reader (`params.restricted = 1`). */
export function chronologyTextWithheld(params: ChronologyEntry['params']): boolean {
  return params.restricted === 1;
}

/**
 * Params that hold a code and are shown through a list of words under `chronology.<section>`
 * (e.g. `level: 'director'` → `chronology.levels.director`), by both the web and the PDF.
 */
export const CHRONOLOGY_WORDED_PARAMS: Record<string, string> = {
  level: 'levels',
  letterKind: 'letterKinds',
  method: 'methods',
  measure: 'measures',
  mode: 'modes',
};

/**
 * The interpolation values of an entry in one language: a worded code in words (`word(section, code)`),
 * `semester` ("2026-1") as the semester's name, a `…Lv`/`…En` pair as the one of the language
 * (`nameLv`/`nameEn` → `name`), everything else as it is (null as an empty text).
 */
export function chronologyParams(
  params: ChronologyEntry['params'],
  language: 'lv' | 'en',
  word: (section: string, code: string) => string,
  semester: (year: number, number: number) => string,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) {
    if (value === null) out[key] = '';
    else if (CHRONOLOGY_WORDED_PARAMS[key] && typeof value === 'string')
      out[key] = word(CHRONOLOGY_WORDED_PARAMS[key], value);
    else if (key === 'semester' && typeof value === 'string' && /^\d{4}-\d$/.test(value))
      out[key] = semester(Number(value.slice(0, 4)), Number(value.slice(5)));
    else out[key] = value;
  }
  const suffix = language === 'lv' ? 'Lv' : 'En';
  for (const key of Object.keys(params)) if (key.endsWith(suffix)) out[key.slice(0, -2)] = out[key];
  return out;
}
