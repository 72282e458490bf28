import type { TRiskItem, TSemester, TStudentRisk } from '../../../common/api/risks.ts';
import type { Language } from '../../../common/roles.ts';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** "2026./2027. m. g. 1. semestris" or "2026/2027, semester 1". */
export function semesterLabel(t: Translate, semester: Pick<TSemester, 'schoolYear' | 'number'>): string {
  return t('risks.semesterLabel', {
    from: semester.schoolYear,
    to: semester.schoolYear + 1,
    number: semester.number,
  });
}

/** The semester running today, else the newest one; null when there are none. */
export function defaultSemesterId(semesters: readonly TSemester[] | undefined): string | null {
  if (!semesters || semesters.length === 0) return null;
  return (semesters.find((semester) => semester.current) ?? semesters[0]).id;
}

/** A catalogue item's name in the interface language. */
export function riskItemName(item: Pick<TRiskItem, 'nameLv' | 'nameEn'>, language: Language): string {
  return language === 'en' ? item.nameEn : item.nameLv;
}

/** A catalogue item's description in the interface language. */
export function riskItemDescription(
  item: Pick<TRiskItem, 'descriptionLv' | 'descriptionEn'>,
  language: Language,
): string {
  return language === 'en' ? item.descriptionEn : item.descriptionLv;
}

/** A recorded risk's name with its code, or null when the server withheld it (sensitive). */
export function studentRiskName(risk: TStudentRisk, language: Language): string | null {
  const name = language === 'en' ? risk.nameEn : risk.nameLv;
  if (name === null) return null;
  return risk.riskCode ? `${risk.riskCode} ${name}` : name;
}
