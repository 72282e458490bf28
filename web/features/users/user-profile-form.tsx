import { Button, Group, Paper, Select, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TUserDetail } from '../../../common/api/users.ts';
import { LANGUAGES, type Language } from '../../../common/roles.ts';
import { ErrorAlert, StatusMessage } from '../../components/feedback.tsx';
import { type FieldErrors, fieldErrorsFrom } from '../../lib/form-errors.ts';
import { useUpdateUser } from './use-users.ts';

/** Edits a user's names and interface language (e-mail and home organisation are fixed). */
export function UserProfileForm({ user }: { user: TUserDetail }) {
  const { t } = useTranslation();
  const update = useUpdateUser(user.id);
  const [firstName, setFirstName] = useState(user.firstName);
  const [lastName, setLastName] = useState(user.lastName);
  const [language, setLanguage] = useState<Language>(user.language);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const errors = { ...fieldErrorsFrom(update.error), ...clientErrors };

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const missing: FieldErrors = {};
    if (!firstName.trim()) missing.firstName = t('errors.required');
    if (!lastName.trim()) missing.lastName = t('errors.required');
    setClientErrors(missing);
    if (Object.keys(missing).length > 0) return;
    update.mutate(
      { firstName: firstName.trim(), lastName: lastName.trim(), language },
      { onSuccess: () => setSaved(true) },
    );
  }

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="user-profile-title">
      <Title order={2} size="h3" id="user-profile-title" mb="md">
        {t('users.profile')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={update.error} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label={t('users.firstName')}
              required
              value={firstName}
              error={errors.firstName}
              onChange={(event) => setFirstName(event.currentTarget.value)}
            />
            <TextInput
              label={t('users.lastName')}
              required
              value={lastName}
              error={errors.lastName}
              onChange={(event) => setLastName(event.currentTarget.value)}
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
          </SimpleGrid>
          <Group justify="space-between">
            <StatusMessage message={saved ? t('common.saved') : null} />
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
