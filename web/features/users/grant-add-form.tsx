import { Button, Group, Select, Stack, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TOrganisation } from '../../../common/api/organisations.ts';
import { ROLE_ORG_TYPES, type Role } from '../../../common/roles.ts';
import { ErrorAlert } from '../../components/feedback.tsx';
import { type FieldErrors, fieldErrorsFrom } from '../../lib/form-errors.ts';
import { organisationSelectData } from '../organisations/organisation-tree.ts';
import { useOrganisations } from '../organisations/use-organisations.ts';
import { useAddGrant } from './use-users.ts';

function organisationsForRole(items: readonly TOrganisation[], role: Role): TOrganisation[] {
  return items.filter((item) => item.active && ROLE_ORG_TYPES[role].includes(item.type));
}

/** Grants a role on one organisation; only organisations of a fitting type are offered. */
export function GrantAddForm({
  userId,
  grantRoles,
  onAdded,
}: {
  userId: string;
  /** The roles the server says the caller may grant (the user's `can.grantRoles`). */
  grantRoles: readonly Role[];
  onAdded: () => void;
}) {
  const { t } = useTranslation();
  const organisations = useOrganisations();
  const add = useAddGrant(userId);
  const [role, setRole] = useState<Role | null>(null);
  const [organisationId, setOrganisationId] = useState<string | null>(null);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...fieldErrorsFrom(add.error), ...clientErrors };
  const items = organisations.data ?? [];
  // Offer only the roles the server lets the caller grant, and only where a fitting organisation is in sight.
  const roles = grantRoles.filter((candidate) => organisationsForRole(items, candidate).length > 0);
  const choices = role ? organisationsForRole(items, role) : [];

  function submit(event: FormEvent) {
    event.preventDefault();
    const missing: FieldErrors = {};
    if (!role) missing.role = t('errors.required');
    if (!organisationId) missing.organisationId = t('errors.required');
    setClientErrors(missing);
    if (!role || !organisationId) return;
    add.mutate(
      { role, organisationId },
      {
        onSuccess: () => {
          setRole(null);
          setOrganisationId(null);
          onAdded();
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('users.grantAddTitle')}
        </Title>
        <ErrorAlert error={add.error} />
        <Group align="flex-start" grow>
          <Select
            label={t('users.grantRole')}
            required
            data={roles.map((value) => ({ value, label: t(`roles.${value}`) }))}
            value={role}
            onChange={(value) => {
              setRole(value as Role | null);
              setOrganisationId(null);
            }}
            error={errors.role}
          />
          <Select
            label={t('users.grantOrganisation')}
            description={role ? undefined : t('users.chooseRoleFirst')}
            required
            searchable
            disabled={!role}
            data={organisationSelectData(choices, (type) => t(`orgTypes.${type}`))}
            value={organisationId}
            onChange={setOrganisationId}
            error={errors.organisationId}
            nothingFoundMessage={t('organisations.noMatch')}
          />
        </Group>
        <Group>
          <Button type="submit" loading={add.isPending}>
            {t('users.grantAdd')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
