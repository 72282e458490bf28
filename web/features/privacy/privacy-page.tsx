import { Stack, Tabs, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeading } from '../../components/page-heading.tsx';
import { ErasureLogSection } from './erasure-log-section.tsx';
import { RetentionSection } from './retention-section.tsx';
import { RopaSection } from './ropa-section.tsx';

const TABS = ['erasures', 'retention', 'ropa'] as const;
type Tab = (typeof TABS)[number];

/**
 * "Privātums": the erasure log, the retention classes and the record of processing activities
 * (GDPR Art. 30), for the national admin and the auditor. The open tab is kept in the address.
 */
export function PrivacyPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const tab: Tab = (TABS as readonly string[]).includes(requested ?? '') ? (requested as Tab) : 'erasures';

  function selectTab(value: string | null) {
    const next = new URLSearchParams(params);
    if (value && value !== 'erasures') next.set('tab', value);
    else next.delete('tab');
    setParams(next, { replace: true });
  }

  return (
    <Stack gap="md">
      <PageHeading>{t('privacy.title')}</PageHeading>
      <Text maw={800}>{t('privacy.intro')}</Text>
      <Tabs value={tab} onChange={selectTab} keepMounted={false}>
        <Tabs.List mb="lg">
          <Tabs.Tab value="erasures">{t('privacy.tabErasures')}</Tabs.Tab>
          <Tabs.Tab value="retention">{t('privacy.tabRetention')}</Tabs.Tab>
          <Tabs.Tab value="ropa">{t('privacy.tabRopa')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="erasures">
          <ErasureLogSection />
        </Tabs.Panel>
        <Tabs.Panel value="retention">
          <RetentionSection />
        </Tabs.Panel>
        <Tabs.Panel value="ropa">
          <RopaSection />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
