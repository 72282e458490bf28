import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../common/roles.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { useChangeLanguage } from '../auth/use-session.ts';

/** LV / EN switch; saved for the signed-in user, remembered on the device before sign-in. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const change = useChangeLanguage();
  return (
    <SegmentedControl
      aria-label={t('language.label')}
      size="xs"
      value={currentLanguage()}
      onChange={(value) => change.mutate(value as Language)}
      data={LANGUAGES.map((language) => ({
        value: language,
        label: (
          <span lang={language} title={t(`language.${language}`)}>
            {language.toUpperCase()}
          </span>
        ),
      }))}
    />
  );
}
