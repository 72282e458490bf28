import dayjs from 'dayjs';
import type { TSession } from '../../../common/api/support.ts';
import { currentLanguage } from '../../i18n/index.ts';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** Hours with at most two decimals in the interface language: "1,5" in Latvian, "1.5" in English. */
export function formatHours(hours: number): string {
  const text = String(Number(hours.toFixed(2)));
  return currentLanguage() === 'lv' ? text.replace('.', ',') : text;
}

/** "1,5 no 8 h": what was delivered out of what was planned. */
export function hoursOfLabel(t: Translate, delivered: number, planned: number): string {
  return t('support.hoursOf', { delivered: formatHours(delivered), planned: formatHours(planned) });
}

/** Delivered as a share of planned, 0–100, for a progress bar. */
export function percentOf(delivered: number, planned: number): number {
  if (planned <= 0) return delivered > 0 ? 100 : 0;
  return Math.min(100, Math.round((delivered / planned) * 100));
}

/** The consultation a measure names: the subject, or the specialist type in words. */
export function measureLabel(t: Translate, label: string): string {
  if (!label) return t('support.consultation');
  return t(`plans.consultationTypes.${label}`, { defaultValue: label });
}

/** A participant's confirmation state in words (never only a colour). */
export function confirmationLabel(t: Translate, participant: TSession['participants'][number]): string {
  return t(`support.confirmation.${participant.confirmation}`);
}

/** The start time as HH:MM (the database may add seconds). */
export function shortTime(time: string): string {
  return time.slice(0, 5);
}

/** Today's calendar date on this device, yyyy-mm-dd. */
export function todayIso(): string {
  return dayjs().format('YYYY-MM-DD');
}

/** A sensible start time for a session that just ended: now minus its length, to five minutes. */
export function defaultStartTime(minutes: number): string {
  const start = dayjs().subtract(minutes, 'minute');
  if (!start.isSame(dayjs(), 'day')) return '08:00';
  return start.minute(start.minute() - (start.minute() % 5)).format('HH:mm');
}

/** Monday of the week that contains the date, yyyy-mm-dd. */
export function mondayOf(date: string): string {
  const d = dayjs(date);
  const offset = (d.day() + 6) % 7;
  return d.subtract(offset, 'day').format('YYYY-MM-DD');
}

/** The date moved by whole days, yyyy-mm-dd. */
export function addDays(date: string, days: number): string {
  return dayjs(date).add(days, 'day').format('YYYY-MM-DD');
}

/** Alert title and message in the normal text colour: tinted status colours fall below 4.5:1 on their tint. */
export const NOTE_STYLES = {
  title: { color: 'var(--mantine-color-text)' },
  message: { color: 'var(--mantine-color-text)' },
} as const;
