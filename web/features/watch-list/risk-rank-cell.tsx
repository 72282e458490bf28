import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { contributorsText } from './risk-rank-text.ts';
import type { RiskRank } from './use-risk-ranks.ts';

/** A student's rank in the school ("3. no 120") and what raises it most, in words; a dash without one. */
export function RiskRankCell({ rank }: { rank: RiskRank | undefined }) {
  const { t, i18n } = useTranslation();
  if (!rank) return <Text span>{t('riskScore.noRank')}</Text>;
  return (
    <>
      <Text span fw={500} style={{ whiteSpace: 'nowrap' }}>
        {t('riskScore.rank', { rank: rank.rank, total: rank.total })}
      </Text>
      {rank.contributors.length > 0 && (
        <Text fz="sm" c="dimmed">
          {contributorsText(t, rank.contributors, i18n.resolvedLanguage ?? 'lv')}
        </Text>
      )}
    </>
  );
}
