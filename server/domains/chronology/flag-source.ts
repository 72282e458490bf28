import { type ChronologyEntry, chronologyDayAt } from '../../../common/api/chronology.ts';
import type { Db } from '../../platform/db.ts';
import { findLegalDutyHistory, LEGAL_DUTY_UNJUSTIFIED_LESSONS } from '../ejournal/index.ts';
import type { OwnSourceInput } from './sources.ts';

/**
 * The e-journal's flags that keep the day they arose: the legal duty (more than 20 unjustified
 * lessons in a semester, the day the running total passed the line) and the day the school says it
 * informed the municipality. Seen by everyone who sees the student (the indicators tab's rule). The
 * other flags (attendance rate, low marks, falling average, behaviour) are recomputed from today's
 * indicators and keep no day, so they are not in the chronology.
 */
export async function flagEntries(tx: Db, input: OwnSourceInput): Promise<ChronologyEntry[]> {
  const rows = await findLegalDutyHistory(tx, input.studentId);
  return rows.flatMap((r) => {
    const params = { semester: `${r.school_year}-${r.number}`, threshold: LEGAL_DUTY_UNJUSTIFIED_LESSONS };
    const out: ChronologyEntry[] = [];
    if (r.crossed_on)
      out.push({
        id: `flag:legal_duty:${r.semester_id}`,
        at: chronologyDayAt(r.crossed_on),
        type: 'flag',
        event: 'flag.legal_duty_crossed',
        params,
        text: null,
        link: null,
      });
    if (r.informed_on)
      out.push({
        id: `flag:legal_duty_informed:${r.semester_id}`,
        at: chronologyDayAt(r.informed_on),
        type: 'flag',
        event: 'flag.legal_duty_informed',
        params: { ...params, by: r.informed_by_name },
        text: null,
        link: null,
      });
    return out;
  });
}
