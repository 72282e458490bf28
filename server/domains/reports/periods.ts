import { PERIOD_PATTERN, type TPeriodInfo } from '../../../common/api/reports.ts';
import type { Db } from '../../platform/db.ts';
import { findCurrentSemester, findSemesters } from '../calendar/index.ts';

/**
 * Report periods (issue 14): a semester `2026-1` / `2026-2` or a whole school year `2026` (2026/27),
 * resolved against the calendar's semesters, so a period exists only where its semesters do.
 */

export interface ParsedPeriod {
  schoolYear: number;
  /** 1 or 2; null for the whole school year. */
  semester: number | null;
}

/** A period code's parts, or null when it is not one (`2026`, `2026-1`, `2026-2`). */
export function parsePeriod(code: string): ParsedPeriod | null {
  const m = PERIOD_PATTERN.exec(code);
  if (!m) return null;
  return { schoolYear: Number(m[1]), semester: m[2] ? Number(m[2]) : null };
}

/** The code of a semester's period. */
export function semesterPeriod(s: { schoolYear: number; number: number }): string {
  return `${s.schoolYear}-${s.number}`;
}

/** A resolved period: its dates and the ids of the semesters it spans. */
export interface ResolvedPeriod extends TPeriodInfo {
  semesterIds: string[];
}

/**
 * Every period the calendar has, newest first: each school year followed by its semesters (newest
 * first), e.g. 2026, 2026-2, 2026-1, 2025, ...
 */
export async function findPeriods(db: Db): Promise<ResolvedPeriod[]> {
  const semesters = await findSemesters(db);
  const years = new Map<number, typeof semesters>();
  for (const s of semesters) years.set(s.schoolYear, [...(years.get(s.schoolYear) ?? []), s]);
  const out: ResolvedPeriod[] = [];
  for (const year of [...years.keys()].sort((a, b) => b - a)) {
    const list = (years.get(year) ?? []).sort((a, b) => b.startsOn.localeCompare(a.startsOn));
    out.push({
      code: String(year),
      schoolYear: year,
      semester: null,
      startsOn: list.map((s) => s.startsOn).sort()[0] ?? '',
      endsOn:
        list
          .map((s) => s.endsOn)
          .sort()
          .at(-1) ?? '',
      semesterIds: list.map((s) => s.id),
    });
    for (const s of list) {
      out.push({
        code: semesterPeriod(s),
        schoolYear: year,
        semester: s.number,
        startsOn: s.startsOn,
        endsOn: s.endsOn,
        semesterIds: [s.id],
      });
    }
  }
  return out;
}

/** One period by its code, or null when the calendar has no such semester or school year. */
export async function resolvePeriod(db: Db, code: string): Promise<ResolvedPeriod | null> {
  if (!parsePeriod(code)) return null;
  return (await findPeriods(db)).find((p) => p.code === code) ?? null;
}

/** The current semester's period code (the latest begun), or null before any semester. */
export async function currentPeriodCode(db: Db): Promise<string | null> {
  const s = await findCurrentSemester(db);
  return s ? semesterPeriod(s) : null;
}
