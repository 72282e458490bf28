import type { PersonalCodeResult } from '../../../common/personal-code.ts';

type Translate = (key: string) => string;

/** The message for a personal code that does not pass the check, or null when it does. */
export function personalCodeProblem(t: Translate, result: PersonalCodeResult): string | null {
  return result.ok ? null : t(`personalCodeErrors.${result.error}`);
}
