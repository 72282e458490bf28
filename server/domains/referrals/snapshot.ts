import type { ReferralItem, TSharedData } from '../../../common/api/referrals.ts';
import { formatPersonalCode } from '../../../common/personal-code.ts';
import type { Language } from '../../../common/roles.ts';
import type { Actor } from '../../platform/actor.ts';
import type { Db } from '../../platform/db.ts';
import { can } from '../../platform/policy/gate.ts';
import { findCurrentSemester } from '../calendar/index.ts';
import { findStudentRisks, STUDENT_RISKS_SENSITIVE } from '../risks/index.ts';
import { findGuardians, type StudentResource, type StudentRow } from '../students/index.ts';
import * as repo from './repo.ts';

/**
 * The stored snapshot: like TSharedData, but risks keep both languages' names (the partner reads in
 * either), and a sensitive risk's name is null when the sender could not see it either.
 */
export type StoredSnapshot = Omit<TSharedData, 'risks'> & {
  risks?: { riskType: string; nameLv: string | null; nameEn: string | null }[];
};

/**
 * The data items the sender chose, read now, exactly as the partner will see them. Only the keys of
 * the chosen items are set. Nothing else about the student goes into it.
 */
export async function takeSnapshot(
  tx: Db,
  actor: Actor | null,
  student: { row: StudentRow; resource: StudentResource },
  items: readonly ReferralItem[],
): Promise<StoredSnapshot> {
  const { row, resource } = student;
  const out: StoredSnapshot = {};
  const chosen = new Set(items);
  if (chosen.has('name')) out.name = { firstName: row.firstName, lastName: row.lastName };
  if (chosen.has('birth_date')) out.birthDate = row.birthDate;
  if (chosen.has('personal_code')) out.personalCode = formatPersonalCode(row.personalCode);
  if (chosen.has('school_class'))
    out.schoolClass = {
      schoolName: row.schoolName,
      grade: row.grade,
      course: row.course,
      classLabel: row.classLabel,
    };
  if (chosen.has('guardians'))
    out.guardians = (await findGuardians(tx, row.id)).map((g) => ({
      name: `${g.firstName} ${g.lastName}`,
      relation: g.relation,
      phone: g.phone,
      email: g.email,
    }));
  const semester = chosen.has('attendance') || chosen.has('risks') ? await findCurrentSemester(tx) : null;
  if (chosen.has('attendance')) {
    const a = semester ? await repo.findAttendance(tx, row.id, semester.id) : null;
    out.attendance =
      a && semester
        ? {
            from: semester.startsOn,
            to: semester.endsOn,
            unjustifiedLessons: Number(a.unjustified),
            justifiedLessons: Number(a.justified),
            otherLessons: Number(a.other),
          }
        : null;
  }
  if (chosen.has('risks')) {
    const sensitiveVisible = can(actor, STUDENT_RISKS_SENSITIVE, resource);
    const risks = semester
      ? (await findStudentRisks(tx, row.id)).filter((r) => r.semesterId === semester.id && !r.removedAt)
      : [];
    out.risks = risks.map((r) => {
      const hidden = r.sensitive && !sensitiveVisible;
      return {
        riskType: r.riskType,
        nameLv: hidden ? null : r.nameLv,
        nameEn: hidden ? null : r.nameEn,
      };
    });
  }
  return out;
}

/** The snapshot as the API answers it, in the reader's language. */
export function presentSnapshot(stored: StoredSnapshot, lang: Language): TSharedData {
  const { risks, ...rest } = stored;
  return {
    ...rest,
    ...(risks
      ? { risks: risks.map((r) => ({ riskType: r.riskType, name: lang === 'en' ? r.nameEn : r.nameLv })) }
      : {}),
  };
}
