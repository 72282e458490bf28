import type { TUpdateSemesterBody } from '../../../common/api/calendar.ts';
import type { TSemester } from '../../../common/api/risks.ts';
import type { RequestContext } from '../../platform/actor.ts';
import { writeAudit } from '../../platform/audit.ts';
import { today } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, badRequest, conflict, NotFoundError } from '../../platform/errors.ts';
import { canAnywhere } from '../../platform/policy/gate.ts';
import { CALENDAR_MANAGE } from './policy.ts';
import * as repo from './repo.ts';

/** The school year a date falls in, named by the calendar year it starts in (September). */
export function schoolYearOf(date: string): number {
  const year = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 9 ? year : year - 1;
}

/**
 * The default semesters of a school year, as the seeded calendar has them (migration 0004):
 * 1 September – 31 December and 1 January – 31 May.
 */
export function defaultSemesters(schoolYear: number) {
  return [
    { schoolYear, number: 1, startsOn: `${schoolYear}-09-01`, endsOn: `${schoolYear}-12-31` },
    { schoolYear, number: 2, startsOn: `${schoolYear + 1}-01-01`, endsOn: `${schoolYear + 1}-05-31` },
  ];
}

/**
 * Makes sure the calendar holds the previous, the current and the next school year, with the
 * default dates (the national admin may move them later). A year that has any semester is left
 * as it is; a default semester that would overlap one already set is skipped. Idempotent, and
 * safe when two instances run it at once (the unique school year and number decide).
 */
export async function ensureSchoolYears(db: Db, on: string = today()): Promise<number> {
  const current = schoolYearOf(on);
  const years = [current - 1, current, current + 1];
  const present = await repo.findSchoolYearsPresent(db, years);
  let added = 0;
  for (const year of years) {
    if (present.has(year)) continue;
    for (const s of defaultSemesters(year)) {
      if ((await repo.countOverlappingOthers(db, s.startsOn, s.endsOn, null)) > 0) continue;
      if (await repo.insertSemesterIfMissing(db, s)) added += 1;
    }
  }
  return added;
}

/**
 * Moves a semester's dates (national admin). Refused when the semester would overlap another,
 * leave its school year, or leave records already entered outside its dates.
 */
export async function updateSemesterDates(
  ctx: RequestContext,
  id: string,
  input: TUpdateSemesterBody,
  tx: Db,
): Promise<TSemester[]> {
  if (!canAnywhere(ctx.actor, CALENDAR_MANAGE)) throw new AppError(403, 'forbidden');
  const semester = await repo.findSemesterForUpdate(tx, id);
  if (!semester) throw new NotFoundError('semester', id);
  const y = semester.schoolYear;
  if (input.startsOn < `${y}-08-01` || input.endsOn > `${y + 1}-07-31`)
    throw badRequest('semester_outside_school_year', 'startsOn');
  if ((await repo.countOverlappingOthers(tx, input.startsOn, input.endsOn, id)) > 0)
    throw badRequest('semester_overlap', 'startsOn');
  const old = { from: semester.startsOn, to: semester.endsOn };
  const next = { from: input.startsOn, to: input.endsOn };
  if ((await repo.countRecordsLeftOutside(tx, id, old, next)) > 0)
    throw badRequest('semester_records_outside', 'startsOn');
  await repo.updateSemesterDates(tx, id, input.startsOn, input.endsOn);
  await writeAudit(tx, ctx, { action: 'semester.update', entityType: 'semester', entityId: id });
  return repo.findSemesters(tx);
}

/**
 * Adds a semester; semesters may not overlap, and a school year's number is taken once. The caller
 * decides who may (risks' semester route) and writes the audit row.
 */
export async function addSemester(
  tx: Db,
  input: { schoolYear: number; number: number; startsOn: string; endsOn: string },
): Promise<string> {
  if ((await repo.countOverlapping(tx, input.startsOn, input.endsOn)) > 0)
    throw badRequest('semester_overlap', 'startsOn');
  const id = await repo.insertSemester(tx, input);
  if (!id) throw conflict('conflict', 'number');
  return id;
}
