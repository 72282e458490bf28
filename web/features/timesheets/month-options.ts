import dayjs from 'dayjs';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The month of today on this device, yyyy-mm. */
export function currentMonth(): string {
  return dayjs().format('YYYY-MM');
}

/** "2026. gada novembris" / "November 2026". */
export function monthLabel(t: Translate, month: string): string {
  const [year, number] = month.split('-').map(Number);
  return t('timesheets.monthValue', { year, month: t(`timesheets.months.${number - 1}`) });
}

/** This month and the eleven before it, newest first, as select options. */
export function monthOptions(t: Translate, count = 12): { value: string; label: string }[] {
  const start = dayjs().startOf('month');
  return Array.from({ length: count }, (_, i) => {
    const value = start.subtract(i, 'month').format('YYYY-MM');
    return { value, label: monthLabel(t, value) };
  });
}
