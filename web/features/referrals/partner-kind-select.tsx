import { Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PARTNER_KINDS, type PartnerKind } from '../../../common/api/organisations.ts';

/** The kind of a partner institution (social service, orphans' court, police, …), required. */
export function PartnerKindSelect({
  value,
  onChange,
  error,
}: {
  value: PartnerKind | null;
  onChange: (value: PartnerKind | null) => void;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('partnerKinds.label')}
      required
      data={PARTNER_KINDS.map((kind) => ({ value: kind, label: t(`partnerKinds.${kind}`) }))}
      value={value}
      onChange={(v) => onChange(v as PartnerKind | null)}
      error={error}
      allowDeselect={false}
    />
  );
}
