import { Button, Group, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GUARDIAN_RELATIONS, type TGuardian, type TGuardianBody } from '../../../common/api/students.ts';
import { ErrorAlert } from '../../components/feedback.tsx';
import { type FieldErrors, fieldErrorsFrom } from '../../lib/form-errors.ts';

const LANGUAGES = ['lv', 'en', 'ru', 'other'] as const;
const PHONE = /^\+?[0-9 ]{6,20}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

type Props = {
  initial?: TGuardian;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (body: TGuardianBody, reset: () => void) => void;
  onCancel?: () => void;
};

/** A guardian's names, relation and contacts; used to add one and, in a dialog, to edit one. */
export function GuardianForm({ initial, submitLabel, pending, error, onSubmit, onCancel }: Props) {
  const { t } = useTranslation();
  const empty = { firstName: '', lastName: '', phone: '', email: '' };
  const [form, setForm] = useState(
    initial
      ? {
          firstName: initial.firstName,
          lastName: initial.lastName,
          phone: initial.phone ?? '',
          email: initial.email ?? '',
        }
      : empty,
  );
  const [relation, setRelation] = useState<string | null>(initial?.relation ?? null);
  const [language, setLanguage] = useState<string>(initial?.language ?? 'lv');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...fieldErrorsFrom(error), ...clientErrors };

  const text = (field: keyof typeof form) => ({
    value: form[field],
    error: errors[field],
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      const value = event.currentTarget.value;
      setForm((current) => ({ ...current, [field]: value }));
    },
  });

  function reset() {
    setForm(empty);
    setRelation(null);
    setLanguage('lv');
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: FieldErrors = {};
    if (!form.firstName.trim()) problems.firstName = t('errors.required');
    if (!form.lastName.trim()) problems.lastName = t('errors.required');
    if (!relation) problems.relation = t('errors.required');
    if (form.phone.trim() && !PHONE.test(form.phone.trim())) problems.phone = t('guardians.phoneInvalid');
    if (form.email.trim() && !EMAIL.test(form.email.trim())) problems.email = t('guardians.emailInvalid');
    setClientErrors(problems);
    if (Object.keys(problems).length > 0 || !relation) return;
    onSubmit(
      {
        firstName: form.firstName.trim(),
        lastName: form.lastName.trim(),
        relation: relation as TGuardianBody['relation'],
        phone: form.phone.trim() || null,
        email: form.email.trim() || null,
        language: language as TGuardianBody['language'],
      },
      reset,
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={error} />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label={t('guardians.firstName')} required autoComplete="off" {...text('firstName')} />
          <TextInput label={t('guardians.lastName')} required autoComplete="off" {...text('lastName')} />
          <Select
            label={t('guardians.relation')}
            required
            data={GUARDIAN_RELATIONS.map((value) => ({ value, label: t(`guardianRelations.${value}`) }))}
            value={relation}
            onChange={setRelation}
            error={errors.relation}
          />
          <Select
            label={t('guardians.language')}
            required
            allowDeselect={false}
            data={LANGUAGES.map((value) => ({ value, label: t(`guardianLanguages.${value}`) }))}
            value={language}
            onChange={(value) => value && setLanguage(value)}
            error={errors.language}
          />
          <TextInput
            label={t('guardians.phone')}
            description={t('guardians.phoneHint')}
            type="tel"
            autoComplete="off"
            {...text('phone')}
          />
          <TextInput label={t('guardians.email')} type="email" autoComplete="off" {...text('email')} />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
