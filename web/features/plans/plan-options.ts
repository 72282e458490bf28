import { useMemo } from 'react';
import type { TPlan } from '../../../common/api/plans.ts';
import type { RiskOption } from './plan-risks-field.tsx';
import { useSchoolStaff, useStudentRisks } from './use-plans.ts';

/** A member of staff as offered in the provider and supervisor lists. */
export type StaffOption = { value: string; label: string };

/**
 * The risks a plan may address: the student's risk records of the plan's semester, plus any risk the
 * plan already names that is not among them (so it can be seen and unticked).
 */
export function useRiskOptions(plan: TPlan): RiskOption[] {
  const records = useStudentRisks(plan.studentId);
  return useMemo(() => {
    const ofSemester: RiskOption[] = (records.data?.items ?? [])
      .filter((r) => r.semesterId === plan.semesterId && !r.removed)
      .map((r) => ({
        id: r.id,
        riskType: r.riskType,
        riskCode: r.riskCode,
        nameLv: r.nameLv,
        nameEn: r.nameEn,
        justification: r.justification,
      }));
    const known = new Set(ofSemester.map((r) => r.id));
    return [...ofSemester, ...plan.risks.filter((r) => !known.has(r.id))];
  }, [records.data, plan.semesterId, plan.risks]);
}

/** The school's staff as options "First Last"; empty when the user may not list users. */
export function useStaffOptions(schoolId: string): StaffOption[] {
  const staff = useSchoolStaff(schoolId);
  return useMemo(
    () =>
      (staff.data?.items ?? [])
        .map((u) => ({ value: u.id, label: `${u.firstName} ${u.lastName}` }))
        .sort((a, b) => a.label.localeCompare(b.label, 'lv')),
    [staff.data],
  );
}

/** Names of the school's staff by id, for showing providers and the supervisor. */
export function useStaffNames(schoolId: string): Map<string, string> {
  const options = useStaffOptions(schoolId);
  return useMemo(() => new Map(options.map((o) => [o.value, o.label])), [options]);
}
