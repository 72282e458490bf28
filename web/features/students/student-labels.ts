import type { TApplication, TStudentSummary } from '../../../common/api/students.ts';
import { formatDate } from '../../../common/format.ts';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** "7. klase" for a general-education grade, "2. kurss" for a vocational course. */
export function levelLabel(t: Translate, student: Pick<TStudentSummary, 'grade' | 'course'>): string {
  if (student.grade !== null) return t('students.gradeValue', { grade: student.grade });
  if (student.course !== null) return t('students.courseValue', { course: student.course });
  return t('common.none');
}

/** First and last name as shown in lists and headings. */
export function studentName(student: Pick<TStudentSummary, 'firstName' | 'lastName'>): string {
  return `${student.firstName} ${student.lastName}`;
}

/** The state of one application in words: in force, withdrawn (from a date), or not in force. */
export function applicationStateLabel(t: Translate, application: TApplication): string {
  if (application.withdrawnOn) {
    const date = formatDate(application.withdrawnOn);
    return application.inForce
      ? t('applications.stateWithdrawnFrom', { date })
      : t('applications.stateWithdrawn', { date });
  }
  return application.inForce ? t('applications.stateInForce') : t('applications.stateNotInForce');
}

/** Today as yyyy-mm-dd in local time, the default for dates of signing or moving. */
export function todayIso(): string {
  const now = new Date();
  const mm = String(now.getMonth() + 1).padStart(2, '0');
  const dd = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${mm}-${dd}`;
}
