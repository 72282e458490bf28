/**
 * The retention periods that the law does not fix in our sources are settings (environment, read
 * once), so the national admin sees what the system assumes (GET /api/privacy/retention) and the
 * operator can change it without a release. README: "Data inventory, retention and erasure".
 */
export interface RetentionSettings {
  /** Years a case record (plans, risks, notes, referrals, letters, payments) is kept after the case ends. */
  caseYears: number;
  /** No case record is anonymised before this date: the programme's documents are kept for the audit of the fund. */
  programmeUntil: string;
  /** Months a student never in the programme (screening data only) is kept after leaving the school. */
  screeningMonths: number;
  /** Years the audit log and the erasure log are kept. */
  auditYears: number;
  /** Days an uploaded import file (class lists, e-journal exports) is kept after its import. */
  importDays: number;
  /** Days a notification, once done or read, is kept. */
  notificationDays: number;
}

export const DEFAULT_RETENTION: RetentionSettings = {
  caseYears: 5,
  programmeUntil: '2034-12-31',
  screeningMonths: 12,
  auditYears: 10,
  importDays: 90,
  notificationDays: 365,
};

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 100_000)
    throw new Error(`${name} must be a whole number, 0 or more`);
  return n;
}

/** Reads the PUMPURS_RETENTION_* variables; a bad value stops start-up with the variable's name. */
export function parseRetentionSettings(env: NodeJS.ProcessEnv = process.env): RetentionSettings {
  const until = env.PUMPURS_RETENTION_PROGRAMME_UNTIL?.trim() || DEFAULT_RETENTION.programmeUntil;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(until) || Number.isNaN(Date.parse(until)))
    throw new Error('PUMPURS_RETENTION_PROGRAMME_UNTIL must be a date (yyyy-mm-dd)');
  return {
    caseYears: wholeNumber(env, 'PUMPURS_RETENTION_CASE_YEARS', DEFAULT_RETENTION.caseYears),
    programmeUntil: until,
    screeningMonths: wholeNumber(
      env,
      'PUMPURS_RETENTION_SCREENING_MONTHS',
      DEFAULT_RETENTION.screeningMonths,
    ),
    auditYears: wholeNumber(env, 'PUMPURS_RETENTION_AUDIT_YEARS', DEFAULT_RETENTION.auditYears),
    importDays: wholeNumber(env, 'PUMPURS_RETENTION_IMPORT_DAYS', DEFAULT_RETENTION.importDays),
    notificationDays: wholeNumber(
      env,
      'PUMPURS_RETENTION_NOTIFICATION_DAYS',
      DEFAULT_RETENTION.notificationDays,
    ),
  };
}

let current: RetentionSettings | null = null;

/** The settings of this process (tests may replace them with `setRetentionSettings`). */
export function retentionSettings(): RetentionSettings {
  current ??= parseRetentionSettings();
  return current;
}

/** Tests: other periods; `null` reads the environment again. */
export function setRetentionSettings(settings: RetentionSettings | null): void {
  current = settings;
}
