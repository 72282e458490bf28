import { type ChronologyEntry, chronologyDayAt } from '../../../common/api/chronology.ts';
import type { Db } from '../../platform/db.ts';
import { can } from '../../platform/policy/gate.ts';
import { findRiskHistory, STUDENT_RISKS_SENSITIVE } from '../risks/index.ts';
import type { OwnSourceInput } from './sources.ts';

const iso = (v: string | Date) => new Date(v).toISOString();

/**
 * Risks found for the student (on the day the finder gave), and removed ones when removed, per semester. Everyone who sees
 * the student sees that a risk was recorded; the family and health risks' name and justification
 * only those who may see them (the student's risk tab's rule).
 */
export async function riskEntries(tx: Db, input: OwnSourceInput): Promise<ChronologyEntry[]> {
  const seesSensitive = can(input.actor, STUDENT_RISKS_SENSITIVE, input.resource);
  const rows = await findRiskHistory(tx, input.studentId);
  return rows.flatMap((r) => {
    const restricted = r.sensitive && !seesSensitive;
    const params = {
      semester: `${r.school_year}-${r.number}`,
      code: restricted ? null : r.code,
      nameLv: restricted ? null : r.name_lv,
      nameEn: restricted ? null : r.name_en,
      foundOn: r.found_on,
      by: r.found_by_name,
    };
    const suffix = restricted ? '_restricted' : '';
    const found: ChronologyEntry = {
      id: `risk:${r.id}`,
      at: chronologyDayAt(r.found_on),
      type: 'risk',
      event: `risk.found${suffix}`,
      params,
      text: restricted ? null : r.justification,
      link: null,
    };
    if (!r.removed_at) return [found];
    return [
      found,
      {
        id: `risk-removed:${r.id}`,
        at: iso(r.removed_at),
        type: 'risk',
        event: `risk.removed${suffix}`,
        params: { ...params, by: r.removed_by_name },
        text: null,
        link: null,
      },
    ];
  });
}
