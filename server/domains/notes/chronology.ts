import type { Actor, RequestContext } from '../../platform/actor.ts';
import { writeAuditMany } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { loadVisibleStudent } from '../students/index.ts';
import { isRestricted, readsNote, seesNote } from './present.ts';
import * as repo from './repo.ts';

/** One line of a student's chronology, as the chronology merges them (declared here, not imported). */
export interface ChronologyEntry {
  id: string;
  /** ISO timestamp. */
  at: string;
  type: 'note';
  /** 'note.meeting', 'note.observation', ... */
  event: string;
  params: Record<string, string | number | null>;
  /** Only when this reader may read it; null (and params.restricted = 1) otherwise. */
  text: string | null;
  link: { kind: 'note'; id: string } | null;
}

/**
 * A student's notes as chronology entries, with the same rules as the notes list and the single
 * note: a note shows when the reader sees it, its text only when the reader may read it. A
 * restricted note whose text the chronology shows is a read like the single note's GET: each one
 * is audited (`note.chronology_restricted`), under `ctx`'s request when given (pass the request's
 * context so the audit row carries its id). 404 when the reader does not see the student.
 *
 * `at` is the note's day at 00:00 UTC, which is that same day in Latvia (UTC+2/+3); `params`
 * holds `type`, `visibility`, `author`, `date`, `revisions` and `restricted` (1 = text withheld).
 */
export async function findNoteChronologyEntries(
  tx: Db,
  actor: Actor,
  studentId: string,
  ctx?: RequestContext,
): Promise<ChronologyEntry[]> {
  const context: RequestContext = ctx ?? {
    actor,
    // Without a request there is no request id; the audit row keeps the actor and the note.
    requestId: null as unknown as string,
    ip: null,
    language: actor.language,
  };
  await loadVisibleStudent(context, studentId, tx);
  const notes = (await repo.findNotes(tx, studentId)).filter((n) => seesNote(actor, n));
  const entries = notes.map((n): ChronologyEntry => {
    const readable = readsNote(actor, n);
    return {
      id: n.id,
      at: `${n.on_date}T00:00:00.000Z`,
      type: 'note',
      event: `note.${n.type}`,
      params: {
        type: n.type,
        visibility: n.visibility,
        author: n.author_name,
        date: n.on_date,
        revisions: Number(n.revision),
        restricted: readable ? 0 : 1,
      },
      text: readable ? n.text : null,
      link: { kind: 'note', id: n.id },
    };
  });
  const restrictedReads = notes.filter((n) => isRestricted(n) && readsNote(actor, n));
  await writeAuditMany(
    tx,
    context,
    restrictedReads.map((n) => ({
      action: 'note.chronology_restricted',
      entityType: 'note',
      entityId: n.id,
      orgId: n.school_id,
    })),
  );
  return entries;
}
