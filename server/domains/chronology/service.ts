import {
  CHRONOLOGY_PAGE,
  CHRONOLOGY_PDF_MAX,
  CHRONOLOGY_TYPES,
  type ChronologyEntry,
  type ChronologyType,
  encodeChronologyCursor,
  rigaParts,
  type TChronology,
  type TChronologyPdfQuery,
  type TChronologyQuery,
} from '../../../common/api/chronology.ts';
import type { Actor, RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { today } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { loadVisibleStudent } from '../students/index.ts';
import { flagEntries } from './flag-source.ts';
import { letterEntries } from './letter-source.ts';
import { chronologyPdf } from './pdf.ts';
import { planEntries, sessionEntries } from './plan-source.ts';
import { riskEntries } from './risk-source.ts';
import { type OwnSource, type OwnSourceInput, registeredSources } from './sources.ts';

/** The chronology's own sources; notes, referrals (and later outcomes) come through the port. */
const OWN_SOURCES: [ChronologyType, OwnSource][] = [
  ['risk', riskEntries],
  ['flag', flagEntries],
  ['plan', planEntries],
  ['session', sessionEntries],
  ['letter', letterEntries],
];

/** The reads of one source are capped: a page needs at most this many of any one source. */
const SOURCE_LIMIT = 2000;

interface Filter {
  types?: ChronologyType[];
  from?: string;
  to?: string;
  cursor?: { at: string; id: string };
}

/** Newest first; the id breaks ties so that a cursor continues exactly. */
function newestFirst(a: ChronologyEntry, b: ChronologyEntry): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * A registered source's entry as the answer carries it: `at` as UTC ISO, the id prefixed with its type
 * (ids stay unique across sources), params of the allowed kinds only (anything else as text, undefined
 * as null), text null unless a string. An entry of another type or with a bad date is dropped.
 */
function normalised(e: ChronologyEntry, type: ChronologyType): ChronologyEntry | null {
  const at = new Date(e.at);
  if (Number.isNaN(at.getTime()) || e.type !== type) return null;
  const id = String(e.id);
  const params: ChronologyEntry['params'] = {};
  for (const [key, value] of Object.entries(e.params ?? {}))
    params[key] =
      value === null || value === undefined || typeof value === 'string' || typeof value === 'number'
        ? (value ?? null)
        : String(value);
  return {
    id: id.startsWith(`${type}:`) ? id : `${type}:${id}`,
    at: at.toISOString(),
    type,
    event: String(e.event),
    params,
    text: typeof e.text === 'string' ? e.text : null,
    link: e.link ? { kind: String(e.link.kind), id: String(e.link.id) } : null,
  };
}

/**
 * Every entry of the student the actor may see within the filter's days, from every source, newest
 * first; and which types have any. The student must be visible (404, audited, otherwise).
 */
async function collect(ctx: RequestContext, studentId: string, filter: Filter, tx: Db) {
  const { row, resource } = await loadVisibleStudent(ctx, studentId, tx);
  const actor = ctx.actor as Actor;
  const input: OwnSourceInput = {
    actor,
    studentId,
    schoolPath: row.schoolPath,
    resource,
    window: {
      from: filter.from,
      to: filter.to,
      until: filter.cursor ? rigaParts(new Date(filter.cursor.at)).date : undefined,
      limit: SOURCE_LIMIT,
    },
  };
  const all: ChronologyEntry[] = [];
  for (const [type, source] of OWN_SOURCES)
    all.push(...(await source(tx, input)).map((e) => ({ ...e, type })));
  for (const [type, source] of registeredSources())
    for (const e of await source(tx, actor, studentId, ctx)) {
      const entry = normalised(e, type);
      if (entry) all.push(entry);
    }
  const inRange = all.filter((e) => {
    const day = rigaParts(new Date(e.at)).date;
    return (!filter.from || day >= filter.from) && (!filter.to || day <= filter.to);
  });
  const typesWithEntries = CHRONOLOGY_TYPES.filter((t) => inRange.some((e) => e.type === t));
  const wanted = filter.types && filter.types.length > 0 ? new Set(filter.types) : null;
  const c = filter.cursor;
  const entries = inRange
    .filter((e) => !wanted || wanted.has(e.type))
    .filter((e) => !c || e.at < c.at || (e.at === c.at && e.id < c.id))
    .sort(newestFirst);
  return { row, entries, typesWithEntries };
}

/** A page of the student's chronology (at most `CHRONOLOGY_PAGE` entries and a cursor); audited. */
export async function getChronology(
  ctx: RequestContext,
  studentId: string,
  q: TChronologyQuery,
  tx: Db,
): Promise<TChronology> {
  const { row, entries, typesWithEntries } = await collect(ctx, studentId, q, tx);
  await writeAudit(tx, ctx, {
    action: 'chronology.read',
    entityType: 'student',
    entityId: studentId,
    orgId: row.schoolId,
  });
  const items = entries.slice(0, CHRONOLOGY_PAGE);
  const last = items[items.length - 1];
  return {
    items,
    typesWithEntries,
    nextCursor: entries.length > CHRONOLOGY_PAGE && last ? encodeChronologyCursor(last.at, last.id) : null,
  };
}

/** The chronology as a PDF for a case conference: the same entries the reader sees, newest first; audited. */
export async function chronologyFile(ctx: RequestContext, studentId: string, q: TChronologyPdfQuery, tx: Db) {
  const { row, entries } = await collect(ctx, studentId, q, tx);
  const language = q.language ?? ctx.language;
  const actor = ctx.actor as Actor;
  const content = await chronologyPdf({
    language,
    studentName: `${row.firstName} ${row.lastName}`,
    schoolName: row.schoolName,
    printedBy: `${actor.firstName} ${actor.lastName}`,
    types: q.types ?? [],
    from: q.from ?? null,
    to: q.to ?? null,
    entries: entries.slice(0, CHRONOLOGY_PDF_MAX),
    total: entries.length,
  });
  await writeAudit(tx, ctx, {
    action: 'chronology.pdf',
    entityType: 'student',
    entityId: studentId,
    orgId: row.schoolId,
  });
  return {
    fileName: `chronology-${today()}.pdf`,
    contentType: 'application/pdf',
    content,
  };
}
