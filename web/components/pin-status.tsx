import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Who sets PINs, as one sentence: the school's coordinators by name, or the role when none is known. */
export function pinSettersText(t: (key: string, o?: Record<string, unknown>) => string, setters: string[]) {
  return setters.length > 0 ? t('pins.setBy', { names: setters.join(', ') }) : t('pins.setByCoordinator');
}

/** A student's PIN status: "PIN set", or "No PIN" in bold with who sets it. */
export function PinStatus({ hasPin, setters }: { hasPin: boolean; setters: string[] }) {
  const { t } = useTranslation();
  if (hasPin) return <Text span>{t('pins.statusHas')}</Text>;
  return (
    <>
      <Text span fw={700}>
        {t('pins.statusNone')}
      </Text>
      <Text span size="sm" ml="xs">
        {pinSettersText(t, setters)}
      </Text>
    </>
  );
}
