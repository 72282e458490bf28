import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

type Props = {
  label: string;
  unit: 'euro' | 'hours';
  value: string;
  onChange: (value: string) => void;
  error?: string;
  description?: string;
  required?: boolean;
  autoFocus?: boolean;
  /** Narrow by default (an amount is short); a form grid may let it fill its column. */
  maw?: number | string;
};

/** An amount typed with up to two decimals, in euros ("25,50") or hours ("12,5"), with the unit shown. */
export function AmountField({
  label,
  unit,
  value,
  onChange,
  error,
  description,
  required,
  autoFocus,
  maw = 240,
}: Props) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={label}
      description={description ?? t(unit === 'euro' ? 'budgets.euroHint' : 'budgets.hoursHint')}
      inputMode="decimal"
      autoComplete="off"
      required={required}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
      rightSection={unit === 'euro' ? '€' : 'h'}
      rightSectionPointerEvents="none"
      maw={maw}
      data-autofocus={autoFocus || undefined}
    />
  );
}
