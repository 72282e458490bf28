import { DateInput } from '@mantine/dates';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

type Props = {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string;
  /** Shown after the format hint, e.g. what an empty value means. */
  hint?: string;
  required?: boolean;
  /** The latest day that may be chosen (yyyy-mm-dd), e.g. today for a date of signing. */
  maxDate?: string;
};

const DISPLAY_FORMAT = 'DD.MM.YYYY';

/** Typed dd.mm.yyyy (also d.m.yyyy) into the API's yyyy-mm-dd; anything else is no date. */
function parseDate(text: string): string | null {
  const parsed = dayjs(text.trim(), ['DD.MM.YYYY', 'D.M.YYYY'], true);
  return parsed.isValid() ? parsed.format('YYYY-MM-DD') : null;
}

/** A date input shown as dd.mm.yyyy, with a calendar whose buttons are named in the interface language. */
export function DateField({ label, value, onChange, error, hint, required, maxDate }: Props) {
  const { t } = useTranslation();
  return (
    <DateInput
      label={label}
      description={hint ? `${t('common.dateFormatHint')}. ${hint}` : t('common.dateFormatHint')}
      required={required}
      maxDate={maxDate}
      value={value}
      onChange={onChange}
      error={error}
      valueFormat={DISPLAY_FORMAT}
      dateParser={parseDate}
      clearable
      clearButtonProps={{ 'aria-label': t('common.clear') }}
      firstDayOfWeek={1}
      ariaLabels={{
        nextMonth: t('calendar.nextMonth'),
        previousMonth: t('calendar.previousMonth'),
        nextYear: t('calendar.nextYear'),
        previousYear: t('calendar.previousYear'),
        nextDecade: t('calendar.nextDecade'),
        previousDecade: t('calendar.previousDecade'),
        monthLevelControl: t('calendar.monthLevelControl'),
        yearLevelControl: t('calendar.yearLevelControl'),
      }}
    />
  );
}
