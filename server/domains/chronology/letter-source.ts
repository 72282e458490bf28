import type { ChronologyEntry } from '../../../common/api/chronology.ts';
import { LETTER_METHODS } from '../../../common/api/letters.ts';
import type { Db } from '../../platform/db.ts';
import { can } from '../../platform/policy/gate.ts';
import { findLetters, LETTERS_VIEW } from '../letters/index.ts';
import type { OwnSourceInput } from './sources.ts';

const METHODS: readonly string[] = LETTER_METHODS;

/** Letters sent to the student's guardians: only for those who see the letters tab (the school's managers). */
export async function letterEntries(tx: Db, input: OwnSourceInput): Promise<ChronologyEntry[]> {
  if (!can(input.actor, LETTERS_VIEW, input.resource)) return [];
  const rows = await findLetters(tx, input.studentId);
  return rows.map((r) => ({
    id: `letter:${r.id}`,
    at: new Date(r.sent_at).toISOString(),
    type: 'letter',
    event: `letter.${METHODS.includes(r.method) ? r.method : 'printed'}`,
    params: { letterKind: r.kind, guardian: r.guardian_name, code: r.plan_code, by: r.sent_by_name },
    text: null,
    link: { kind: 'letter', id: r.id },
  }));
}
