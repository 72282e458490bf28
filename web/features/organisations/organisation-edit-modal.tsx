import { Button, Group, Modal, Select, Stack, Switch, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PartnerKind, TOrganisation } from '../../../common/api/organisations.ts';
import type { SchoolType } from '../../../common/roles.ts';
import { ErrorAlert } from '../../components/feedback.tsx';
import { type FieldErrors, fieldErrorsFrom } from '../../lib/form-errors.ts';
import { PartnerKindSelect } from '../referrals/partner-kind-select.tsx';
import { schoolTypesFor } from './organisation-tree.ts';
import { useUpdateOrganisation } from './use-organisations.ts';

type Props = {
  organisation: TOrganisation | null;
  parentType: TOrganisation['type'] | undefined;
  onClose: () => void;
  onSaved: () => void;
};

/** A dialog to change an organisation's name, code, school type and whether it is active. */
export function OrganisationEditModal({ organisation, parentType, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={organisation !== null}
      onClose={onClose}
      title={organisation ? t('organisations.editTitle', { name: organisation.name }) : ''}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {organisation && (
        <EditForm
          key={organisation.id}
          organisation={organisation}
          parentType={parentType}
          onClose={onClose}
          onSaved={onSaved}
        />
      )}
    </Modal>
  );
}

function EditForm({ organisation, parentType, onClose, onSaved }: Props & { organisation: TOrganisation }) {
  const { t } = useTranslation();
  const update = useUpdateOrganisation(organisation.id);
  const [name, setName] = useState(organisation.name);
  const [code, setCode] = useState(organisation.code ?? '');
  const [schoolType, setSchoolType] = useState<SchoolType | null>(organisation.schoolType);
  const [partnerKind, setPartnerKind] = useState<PartnerKind | null>(organisation.partnerKind);
  const [active, setActive] = useState(organisation.active);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...fieldErrorsFrom(update.error), ...clientErrors };
  const isSchool = organisation.type === 'school';
  const isPartner = organisation.type === 'partner';
  // Keep the current value selectable even if it does not fit the parent (data from before the rule).
  const schoolTypes = [
    ...new Set([
      ...schoolTypesFor(parentType),
      ...(organisation.schoolType ? [organisation.schoolType] : []),
    ]),
  ];

  function submit(event: FormEvent) {
    event.preventDefault();
    const missing: FieldErrors = {};
    if (!name.trim()) missing.name = t('errors.required');
    if (isSchool && !schoolType) missing.schoolType = t('errors.required');
    if (isPartner && !partnerKind) missing.partnerKind = t('errors.required');
    setClientErrors(missing);
    if (Object.keys(missing).length > 0) return;
    update.mutate(
      {
        name: name.trim(),
        code: code.trim() || null,
        active,
        ...(isSchool ? { schoolType } : {}),
        ...(isPartner ? { partnerKind } : {}),
      },
      { onSuccess: onSaved },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={update.error} />
        <TextInput
          label={t('organisations.name')}
          required
          value={name}
          error={errors.name}
          onChange={(event) => setName(event.currentTarget.value)}
          data-autofocus
        />
        <TextInput
          label={t('organisations.code')}
          description={t('organisations.codeHint')}
          value={code}
          error={errors.code}
          onChange={(event) => setCode(event.currentTarget.value)}
        />
        {isSchool && (
          <Select
            label={t('organisations.schoolType')}
            required
            data={schoolTypes.map((value) => ({ value, label: t(`schoolTypes.${value}`) }))}
            value={schoolType}
            onChange={(value) => setSchoolType(value as SchoolType | null)}
            error={errors.schoolType}
          />
        )}
        {isPartner && (
          <PartnerKindSelect value={partnerKind} onChange={setPartnerKind} error={errors.partnerKind} />
        )}
        <Switch
          label={t('organisations.activeLabel')}
          checked={active}
          error={errors.active}
          onChange={(event) => setActive(event.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
