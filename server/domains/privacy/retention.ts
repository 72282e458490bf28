import { LANGUAGES } from '../../../common/roles.ts';
import { type MessageKey, t } from '../../platform/i18n/index.ts';
import { RETENTION_CLASSES, type RetentionClass } from './inventory/index.ts';
import type { RetentionSettings } from './settings.ts';

type Text = { lv: string; en: string };

/** One retention class as the national admin and the record of processing show it. */
export interface RetentionClassInfo {
  code: RetentionClass;
  /** The period in words, with the current setting filled in. */
  period: Text;
  /** What happens when it runs out, and what starts the clock. */
  rule: Text;
  /** Where the period comes from: a law, or the stated assumption and its setting. */
  source: Text;
  /** The environment variables that set it (null: fixed in the code). */
  setting: string | null;
}

const SETTINGS: Record<RetentionClass, string | null> = {
  case_record: 'PUMPURS_RETENTION_CASE_YEARS, PUMPURS_RETENTION_PROGRAMME_UNTIL',
  screening: 'PUMPURS_RETENTION_SCREENING_MONTHS',
  contact: null,
  staff_account: null,
  audit: 'PUMPURS_RETENTION_AUDIT_YEARS',
  auth_technical: null,
  technical: 'PUMPURS_RETENTION_IMPORT_DAYS, PUMPURS_RETENTION_NOTIFICATION_DAYS',
  reference: null,
};

/**
 * The retention classes with their rules and sources (texts: server/platform/i18n, `privacy.retention`).
 * Where the period is not in the project's sources (shared/domain-notes.md), it is an assumption,
 * stated as such, and a setting.
 */
export function retentionClasses(s: RetentionSettings): RetentionClassInfo[] {
  const params = { ...s };
  const text = (code: RetentionClass, part: 'period' | 'rule' | 'source'): Text =>
    Object.fromEntries(
      LANGUAGES.map((lang) => [lang, t(lang, `privacy.retention.${code}.${part}` as MessageKey, params)]),
    ) as Text;
  return RETENTION_CLASSES.map((code) => ({
    code,
    period: text(code, 'period'),
    rule: text(code, 'rule'),
    source: text(code, 'source'),
    setting: SETTINGS[code],
  }));
}
