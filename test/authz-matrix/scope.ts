import type { Role } from '../../common/roles.ts';
import type { MatrixEntry, Relation, TargetKind } from './types.ts';

/**
 * The matrix's users: one per role, at home in school 1 of Ziemeļu novads or above it.
 * The expert's grants: Ziemeļu novads and the state vocational school (the demo's); the auditor and
 * the plan preparer are created by the fixture (a municipal auditor of Ziemeļu, a preparer of school 1).
 */
export const MATRIX_USERS: Record<Role, string> = {
  national_admin: 'admin',
  expert: 'eksperts',
  municipal_coordinator: 'koord.ziemelu',
  school_director: 'direktors.s1',
  school_coordinator: 'koord.s1',
  plan_preparer: 'matrix.preparer.s1',
  specialist: 'psihologs.s1',
  teacher: 'skolotajs.s1',
  partner: 'socdienests.ziemelu',
  auditor: 'matrix.auditor.ziemelu',
};

const ALL: readonly Relation[] = ['own', 'sibling', 'other_municipality', 'state_school', 'moved_former'];
const ZIEMELU: readonly Relation[] = ['own', 'sibling', 'moved_former'];
const EXPERT: readonly Relation[] = ['own', 'sibling', 'state_school', 'moved_former'];

/**
 * The relations whose record a role's user may reach, by what the id names. School staff reach the
 * moved student's old plan (it stays with school 1, read-only) but not the student, who is at school 2
 * now; teachers, specialists and plan preparers reach only the own student assigned to them.
 */
export function scopeOf(role: Role, kind: TargetKind): readonly Relation[] {
  if (kind === 'none') return ['own'];
  switch (role) {
    case 'national_admin':
      return ALL;
    case 'expert':
      return kind === 'municipality' ? ['own', 'sibling'] : EXPERT;
    case 'municipal_coordinator':
    case 'auditor':
      return ZIEMELU;
    case 'school_director':
    case 'school_coordinator':
      // The moved student's plan and referral stay with school 1 (read-only); the student does not.
      return kind === 'plan' || kind === 'referral'
        ? ['own', 'moved_former']
        : kind === 'municipality'
          ? []
          : ['own'];
    case 'plan_preparer':
    case 'specialist':
    case 'teacher':
      return kind === 'municipality' ? [] : ['own'];
    case 'partner':
      return kind === 'referral' ? ['own'] : [];
  }
}

/** The relations a route is walked on. */
export function relationsOf(entry: MatrixEntry): readonly Relation[] {
  if (entry.relations) return entry.relations;
  if (entry.kind === 'none') return ['own'];
  // The moved student is a student, a plan and their records; schools and users have no "former".
  if (entry.kind === 'student' || entry.kind === 'plan' || entry.kind === 'referral') return ALL;
  return ['own', 'sibling', 'other_municipality', 'state_school'];
}

/** What a case must answer: `ok` (passes the gate), `not_found` (out of scope), `denied` (no right). */
export type Expected = 'ok' | 'not_found' | 'denied';

export function expectedFor(entry: MatrixEntry, role: Role, relation: Relation): Expected {
  if (!entry.roles.includes(role)) return 'denied';
  const scope = entry.scope?.[role] ?? scopeOf(role, entry.kind);
  return scope.includes(relation) ? 'ok' : 'not_found';
}
