import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TPlan } from '../../../common/api/plans.ts';
import { euroLabel, hoursLabel } from './plan-labels.ts';

/** The planned totals: consultation hours, economic support in euros, other measures. */
export function PlanTotals({ totals }: { totals: TPlan['totals'] }) {
  const { t } = useTranslation();
  const items = [
    { label: t('plans.totalHours'), value: hoursLabel(totals.consultationHours) },
    { label: t('plans.totalEuros'), value: euroLabel(totals.economicCents) },
    { label: t('plans.totalOther'), value: String(totals.otherMeasures) },
  ];
  return (
    <div>
      <Text fw={700} mb={4}>
        {t('plans.totalsTitle')}
      </Text>
      <Group component="dl" gap="lg" m={0} wrap="wrap">
        {items.map((item) => (
          <Group key={item.label} gap={6} wrap="nowrap">
            <Text component="dt">{item.label}:</Text>
            <Text component="dd" m={0} fw={700}>
              {item.value}
            </Text>
          </Group>
        ))}
      </Group>
    </div>
  );
}
