import { Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RISK_TYPES, type RiskType, type TRiskItem } from '../../../common/api/risks.ts';
import { ErrorAlert } from '../../components/feedback.tsx';
import { type FieldErrors, fieldErrorsFrom } from '../../lib/form-errors.ts';
import { useCreateRiskItem, useReviseRiskItem } from './use-risks.ts';

type Props = {
  opened: boolean;
  /** The item to reword (a new version), or null to add one. */
  item: TRiskItem | null;
  onClose: () => void;
  onSaved: (item: TRiskItem) => void;
};

/** A dialog to add a catalogue item, or to reword one as a new version (records keep the old wording). */
export function RiskItemModal({ opened, item, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={item ? t('riskCatalogue.editTitle', { code: item.code }) : t('riskCatalogue.addTitle')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {opened && <RiskItemForm item={item} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function RiskItemForm({ item, onClose, onSaved }: Omit<Props, 'opened'>) {
  const { t } = useTranslation();
  const create = useCreateRiskItem();
  const revise = useReviseRiskItem();
  const mutation = item ? revise : create;
  const [code, setCode] = useState('');
  const [riskType, setRiskType] = useState<RiskType | null>(null);
  const [nameLv, setNameLv] = useState(item?.nameLv ?? '');
  const [nameEn, setNameEn] = useState(item?.nameEn ?? '');
  const [descriptionLv, setDescriptionLv] = useState(item?.descriptionLv ?? '');
  const [descriptionEn, setDescriptionEn] = useState(item?.descriptionEn ?? '');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const errors = { ...fieldErrorsFrom(mutation.error), ...clientErrors };

  function submit(event: FormEvent) {
    event.preventDefault();
    const missing: FieldErrors = {};
    if (!item && code.trim() === '') missing.code = t('errors.required');
    if (!item && !riskType) missing.riskType = t('errors.required');
    if (nameLv.trim() === '') missing.nameLv = t('errors.required');
    if (nameEn.trim() === '') missing.nameEn = t('errors.required');
    setClientErrors(missing);
    if (Object.keys(missing).length > 0) return;
    const wording = {
      nameLv: nameLv.trim(),
      nameEn: nameEn.trim(),
      descriptionLv: descriptionLv.trim(),
      descriptionEn: descriptionEn.trim(),
    };
    if (item) revise.mutate({ id: item.id, body: wording }, { onSuccess: onSaved });
    else if (riskType)
      create.mutate({ ...wording, code: code.trim().toUpperCase(), riskType }, { onSuccess: onSaved });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={mutation.error} />
        {!item && (
          <>
            <TextInput
              label={t('riskCatalogue.code')}
              description={t('riskCatalogue.codeHint')}
              required
              value={code}
              onChange={(event) => setCode(event.currentTarget.value)}
              error={errors.code}
              maw={200}
            />
            <Select
              label={t('riskCatalogue.type')}
              required
              data={RISK_TYPES.map((type) => ({ value: type, label: t(`riskCatalogue.types.${type}`) }))}
              value={riskType}
              onChange={(value) => setRiskType(value as RiskType | null)}
              error={errors.riskType}
            />
          </>
        )}
        {item && <Text>{t('riskCatalogue.versionNote', { version: item.version + 1 })}</Text>}
        <TextInput
          label={t('riskCatalogue.nameLv')}
          required
          value={nameLv}
          onChange={(event) => setNameLv(event.currentTarget.value)}
          error={errors.nameLv}
        />
        <TextInput
          label={t('riskCatalogue.nameEn')}
          required
          value={nameEn}
          onChange={(event) => setNameEn(event.currentTarget.value)}
          error={errors.nameEn}
          lang="en"
        />
        <Textarea
          label={t('riskCatalogue.descriptionLv')}
          autosize
          minRows={2}
          value={descriptionLv}
          onChange={(event) => setDescriptionLv(event.currentTarget.value)}
          error={errors.descriptionLv}
        />
        <Textarea
          label={t('riskCatalogue.descriptionEn')}
          autosize
          minRows={2}
          value={descriptionEn}
          onChange={(event) => setDescriptionEn(event.currentTarget.value)}
          error={errors.descriptionEn}
          lang="en"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {item ? t('riskCatalogue.saveVersion') : t('riskCatalogue.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
