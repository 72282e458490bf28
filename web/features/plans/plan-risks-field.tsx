import { Checkbox, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { riskLabel } from './plan-labels.ts';

/** A risk the plan may address, as offered in the checklists. */
export type RiskOption = {
  id: string;
  riskType: string;
  riskCode: string | null;
  nameLv: string | null;
  nameEn: string | null;
  justification: string | null;
};

type Props = {
  id?: string;
  options: RiskOption[];
  value: string[];
  onChange: (value: string[]) => void;
  error?: string;
};

/** The plan's risks: a checklist of the student's risk records of the plan's semester, with justifications. */
export function PlanRisksField({ id, options, value, onChange, error }: Props) {
  const { t } = useTranslation();
  return (
    <Checkbox.Group
      id={id}
      label={t('plans.risksLabel')}
      description={t('plans.risksHint')}
      value={value}
      onChange={onChange}
      error={error}
      required
    >
      {options.length === 0 ? (
        <Text mt="xs">{t('plans.risksNone')}</Text>
      ) : (
        <Stack gap="sm" mt="xs">
          {options.map((risk) => (
            <Checkbox
              key={risk.id}
              value={risk.id}
              label={riskLabel(t, risk)}
              description={risk.justification ?? undefined}
            />
          ))}
        </Stack>
      )}
    </Checkbox.Group>
  );
}
