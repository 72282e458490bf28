import { TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The account's e-mail field of the sign-in and forgotten-password forms (the browser fills it as the user name). */
export function EmailInput({
  value,
  onChange,
  missing,
}: {
  value: string;
  onChange: (value: string) => void;
  /** Shows "required" when the form was sent without it. */
  missing: boolean;
}) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('auth.email')}
      name="email"
      type="email"
      autoComplete="username"
      required
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={missing ? t('errors.required') : undefined}
    />
  );
}
