import type { ChronologyEntry, ChronologyType } from '../../../common/api/chronology.ts';
import type { Actor, RequestContext } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';
import type { StudentResource } from '../students/index.ts';

/**
 * A source another domain plugs into the chronology (notes, referrals, later outcomes): the entries
 * of one student that `actor` may see, text already redacted where the actor may not read it. The
 * chronology calls it only after the gate let the actor see the student (another school's student,
 * a partner or an auditor never get this far), inside the request's transaction.
 */
export type ChronologySource = (
  tx: Db,
  actor: Actor,
  studentId: string,
  /** The request's context, for a source that audits what it shows (e.g. each restricted note read). */
  ctx?: RequestContext,
) => Promise<ChronologyEntry[]>;

const registered = new Map<ChronologyType, ChronologySource>();

/**
 * The port: the composition root (server/wiring.ts) registers each higher domain's source, one per
 * type — `registerChronologySource('note', findNoteChronologyEntries)`. Registering a type again
 * replaces its source (wiring runs more than once in tests).
 */
export function registerChronologySource(type: ChronologyType, source: ChronologySource): void {
  registered.set(type, source);
}

/** Removes a registered source (tests that plug in a fake one). */
export function unregisterChronologySource(type: ChronologyType): void {
  registered.delete(type);
}

/** The registered sources, by type. */
export function registeredSources(): [ChronologyType, ChronologySource][] {
  return [...registered.entries()];
}

/** What the chronology's own sources get: the student as the gate sees it, and the page's window. */
export interface OwnSourceInput {
  actor: Actor;
  studentId: string;
  schoolPath: string;
  resource: StudentResource;
  window: { from?: string; to?: string; until?: string; limit: number };
}

/** One of the chronology's own sources (risks, flags, plans and sessions, letters). */
export type OwnSource = (tx: Db, input: OwnSourceInput) => Promise<ChronologyEntry[]>;
