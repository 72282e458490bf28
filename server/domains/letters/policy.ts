import { MANAGER_ROLES, NATIONAL_ADMIN_ROLES } from '../../../common/roles.ts';
import { defineAbilities, definePolicies, type OrgResource } from '../../platform/policy/gate.ts';
import type { StudentResource } from '../students/index.ts';

/** See the letters sent to a student's guardians (and download their PDFs). */
export const LETTERS_VIEW = 'letters.view';
/** Generate and record a letter to a guardian: the student's own school's director and coordinator. */
export const LETTERS_SEND = 'letters.send';
/** Edit the national letter templates. */
export const LETTER_TEMPLATES_MANAGE = 'letters.templates_manage';

/** Roles that send letters: the people at the school who run the support programme. */
export const LETTER_SEND_ROLES = ['school_director', 'school_coordinator'] as const;

definePolicies<StudentResource>({
  [LETTERS_VIEW]: { roles: MANAGER_ROLES },
  [LETTERS_SEND]: { roles: LETTER_SEND_ROLES },
});
definePolicies<OrgResource>({
  [LETTER_TEMPLATES_MANAGE]: { roles: NATIONAL_ADMIN_ROLES },
});

defineAbilities('student', { viewLetters: LETTERS_VIEW, sendLetters: LETTERS_SEND });
defineAbilities('navigation', { manageLetterTemplates: LETTER_TEMPLATES_MANAGE });
