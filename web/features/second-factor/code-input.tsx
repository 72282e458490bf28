import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The one-time code field: numeric keyboard, the browser's one-time-code autofill. */
export function CodeInput({
  value,
  onChange,
  error,
  label,
  allowRecovery = false,
  autoFocus = false,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string | null;
  label?: string;
  allowRecovery?: boolean;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={label ?? t('secondFactor.code')}
      description={allowRecovery ? t('secondFactor.codeOrRecovery') : t('secondFactor.codeHint')}
      name="code"
      autoComplete="one-time-code"
      inputMode={allowRecovery ? 'text' : 'numeric'}
      maxLength={32}
      required
      // biome-ignore lint/a11y/noAutofocus: the code field is the only thing to do on this step
      autoFocus={autoFocus}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error ?? undefined}
    />
  );
}
