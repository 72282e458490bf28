import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartnerKind, TOrganisation } from '../../../common/api/organisations.ts';
import type { SchoolType } from '../../../common/roles.ts';
import { ErrorAlert } from '../../components/feedback.tsx';
import { type FieldErrors, fieldErrorsFrom } from '../../lib/form-errors.ts';
import { PartnerKindSelect } from '../referrals/partner-kind-select.tsx';
import { organisationSelectData, schoolTypesFor } from './organisation-tree.ts';
import { useCreateOrganisation } from './use-organisations.ts';

type Props = { opened: boolean; organisations: TOrganisation[]; onClose: () => void; onCreated: () => void };

/** A dialog to add a municipality, school or partner under an organisation of the caller's scope. */
export function OrganisationCreateModal({ opened, organisations, onClose, onCreated }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('organisations.create')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {opened && <CreateForm organisations={organisations} onClose={onClose} onCreated={onCreated} />}
    </Modal>
  );
}

function CreateForm({ organisations, onClose, onCreated }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const create = useCreateOrganisation();
  // Parents and kinds as the server allows them to the caller (each organisation's `can.create`).
  const parents = organisations.filter((o) => o.can.create.length > 0 && o.active);
  const [parentId, setParentId] = useState<string | null>(parents.length === 1 ? parents[0].id : null);
  const [type, setType] = useState<'municipality' | 'school' | 'partner' | null>(null);
  const [schoolType, setSchoolType] = useState<SchoolType | null>(null);
  const [partnerKind, setPartnerKind] = useState<PartnerKind | null>(null);
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});

  const parent = organisations.find((o) => o.id === parentId);
  const parentType = parent?.type;
  const types = parent?.can.create ?? [];
  const schoolTypes = schoolTypesFor(parentType);
  const errors = { ...fieldErrorsFrom(create.error), ...clientErrors };

  function changeParent(value: string | null) {
    setParentId(value);
    const next = organisations.find((o) => o.id === value);
    if (type && !(next?.can.create ?? []).includes(type)) setType(null);
    setSchoolType(null);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const missing: FieldErrors = {};
    if (!parentId) missing.parentId = t('errors.required');
    if (!type) missing.type = t('errors.required');
    if (type === 'school' && !schoolType) missing.schoolType = t('errors.required');
    if (type === 'partner' && !partnerKind) missing.partnerKind = t('errors.required');
    if (name.trim().length === 0) missing.name = t('errors.required');
    setClientErrors(missing);
    if (Object.keys(missing).length > 0 || !parentId || !type) return;
    create.mutate(
      {
        parentId,
        type,
        schoolType: type === 'school' ? schoolType : null,
        ...(type === 'partner' ? { partnerKind } : {}),
        name: name.trim(),
        code: code.trim() || null,
      },
      { onSuccess: onCreated },
    );
  }

  if (parents.length === 0) return <Text>{t('organisations.noParents')}</Text>;

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={create.error} />
        <Select
          label={t('organisations.parent')}
          required
          searchable
          data={organisationSelectData(parents, (type) => t(`orgTypes.${type}`))}
          value={parentId}
          onChange={changeParent}
          error={errors.parentId}
          nothingFoundMessage={t('organisations.noMatch')}
        />
        <Select
          label={t('organisations.type')}
          required
          data={types.map((value) => ({ value, label: t(`orgTypes.${value}`) }))}
          value={type}
          onChange={(value) => setType(value as typeof type)}
          error={errors.type}
          disabled={!parentId}
        />
        {type === 'school' && (
          <Select
            label={t('organisations.schoolType')}
            required
            data={schoolTypes.map((value) => ({ value, label: t(`schoolTypes.${value}`) }))}
            value={schoolType}
            onChange={(value) => setSchoolType(value as SchoolType | null)}
            error={errors.schoolType}
          />
        )}
        {type === 'partner' && (
          <PartnerKindSelect value={partnerKind} onChange={setPartnerKind} error={errors.partnerKind} />
        )}
        <TextInput
          label={t('organisations.name')}
          required
          value={name}
          error={errors.name}
          onChange={(event) => setName(event.currentTarget.value)}
        />
        <TextInput
          label={t('organisations.code')}
          description={t('organisations.codeHint')}
          value={code}
          error={errors.code}
          onChange={(event) => setCode(event.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('common.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
