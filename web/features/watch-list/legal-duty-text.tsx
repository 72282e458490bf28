import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../common/format.ts';

type LegalDuty = { crossedOn: string; informedOn: string | null } | null;

/**
 * The municipality notice in words: "> 20 unjustified lessons since …; municipality informed …" or
 * "… not informed" (in bold, as it still needs doing); a dash when the student is under the limit.
 */
export function LegalDutyText({ duty }: { duty: LegalDuty }) {
  const { t } = useTranslation();
  if (!duty)
    return (
      <Text span fz="inherit">
        {t('watchList.legalDutyNone')}
      </Text>
    );
  const since = t('watchList.legalDutySince', { date: formatDate(duty.crossedOn) });
  return (
    <Text span fz="inherit">
      {`${since}; `}
      {duty.informedOn ? (
        t('watchList.legalDutyInformed', { date: formatDate(duty.informedOn) })
      ) : (
        <Text span fz="inherit" fw={700}>
          {t('watchList.legalDutyNotInformed')}
        </Text>
      )}
    </Text>
  );
}
