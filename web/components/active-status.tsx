import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** "Active" / "Inactive" in words (never colour alone); inactive is bold so it stands out in a list. */
export function ActiveStatus({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return (
    <Text span fz="inherit" fw={active ? 400 : 700} style={{ whiteSpace: 'nowrap' }}>
      {active ? t('common.active') : t('common.inactive')}
    </Text>
  );
}
