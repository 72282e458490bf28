import type { TStudentSummary } from '../../../common/api/students.ts';
import { maskPersonalCode } from '../../../common/personal-code.ts';
import { todayInLatvia } from '../../platform/dates.ts';
import type { StudentRow } from './repo.ts';

/** Whole years between a birth date and a day (both yyyy-mm-dd). */
export function ageOn(birthDate: string | null, on: string = todayInLatvia()): number | null {
  if (!birthDate) return null;
  const [by, bm, bd] = birthDate.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** A list row: the personal code is always masked here. */
export function presentStudentSummary(row: StudentRow): TStudentSummary {
  return {
    id: row.id,
    personalCodeMasked: maskPersonalCode(row.personalCode),
    firstName: row.firstName,
    lastName: row.lastName,
    birthDate: row.birthDate,
    schoolId: row.schoolId,
    schoolName: row.schoolName,
    grade: row.grade,
    course: row.course,
    classLabel: row.classLabel,
    status: row.status as TStudentSummary['status'],
    applicationInForce: Boolean(row.applicationInForce),
    hasPin: Boolean(row.hasPin),
  };
}
