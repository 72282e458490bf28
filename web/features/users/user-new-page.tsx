import {
  Anchor,
  Button,
  Group,
  Paper,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
} from '@mantine/core';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { LANGUAGES, type Language, MIN_PASSWORD_LENGTH } from '../../../common/roles.ts';
import { ErrorAlert } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { type FieldErrors, fieldErrorsFrom } from '../../lib/form-errors.ts';
import { organisationSelectData } from '../organisations/organisation-tree.ts';
import { useOrganisations } from '../organisations/use-organisations.ts';
import { useCreateUser } from './use-users.ts';

/** Creates a user with an initial password; afterwards the detail page opens to grant roles. */
export function UserNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const organisations = useOrganisations();
  const create = useCreateUser();
  const [form, setForm] = useState({ email: '', firstName: '', lastName: '', password: '' });
  const [homeOrganisationId, setHomeOrganisationId] = useState<string | null>(null);
  const [language, setLanguage] = useState<Language>('lv');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...fieldErrorsFrom(create.error), ...clientErrors };

  const text = (field: keyof typeof form) => ({
    value: form[field],
    error: errors[field],
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      const value = event.currentTarget.value;
      setForm((current) => ({ ...current, [field]: value }));
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const missing: FieldErrors = {};
    for (const field of ['email', 'firstName', 'lastName'] as const) {
      if (!form[field].trim()) missing[field] = t('errors.required');
    }
    if (!homeOrganisationId) missing.homeOrganisationId = t('errors.required');
    if (form.password.length < MIN_PASSWORD_LENGTH) {
      missing.password = t('errors.passwordTooShort', { min: MIN_PASSWORD_LENGTH });
    }
    setClientErrors(missing);
    if (Object.keys(missing).length > 0 || !homeOrganisationId) return;
    create.mutate(
      {
        email: form.email.trim(),
        firstName: form.firstName.trim(),
        lastName: form.lastName.trim(),
        homeOrganisationId,
        language,
        password: form.password,
      },
      { onSuccess: (user) => navigate(`/users/${user.id}`, { state: { created: true } }) },
    );
  }

  return (
    <>
      <Anchor component={Link} to="/users" mb="sm" display="inline-block">
        {t('users.backToList')}
      </Anchor>
      <PageHeading>{t('users.new')}</PageHeading>
      <Paper withBorder p="lg" maw={720}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <ErrorAlert error={create.error} />
            <TextInput label={t('users.email')} type="email" autoComplete="off" required {...text('email')} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('users.firstName')} autoComplete="off" required {...text('firstName')} />
              <TextInput label={t('users.lastName')} autoComplete="off" required {...text('lastName')} />
            </SimpleGrid>
            <Select
              label={t('users.homeOrganisation')}
              required
              searchable
              data={organisationSelectData(organisations.data ?? [], (type) => t(`orgTypes.${type}`), {
                activeOnly: true,
              })}
              value={homeOrganisationId}
              onChange={setHomeOrganisationId}
              error={errors.homeOrganisationId}
              nothingFoundMessage={t('organisations.noMatch')}
            />
            <Select
              label={t('users.language')}
              required
              allowDeselect={false}
              data={LANGUAGES.map((value) => ({ value, label: t(`language.${value}`) }))}
              value={language}
              onChange={(value) => value && setLanguage(value as Language)}
              error={errors.language}
            />
            <PasswordInput
              label={t('users.password')}
              description={t('users.passwordHint', { min: MIN_PASSWORD_LENGTH })}
              autoComplete="new-password"
              required
              visibilityToggleButtonProps={{ 'aria-label': t('auth.showPassword') }}
              {...text('password')}
            />
            <Group justify="flex-end">
              <Button variant="default" component={Link} to="/users">
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={create.isPending}>
                {t('users.createSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
