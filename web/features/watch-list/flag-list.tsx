import { Badge, Box, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFlag } from '../../../common/api/ejournal.ts';

/**
 * The reasons a student is flagged: a short named badge for each kind, then the server's sentence
 * with the value and the threshold (the meaning is in the words, never in the colour).
 */
export function FlagList({ flags, size = 'sm' }: { flags: TFlag[]; size?: 'sm' | 'md' }) {
  const { t } = useTranslation();
  if (flags.length === 0) return <Text fz={size}>{t('watchList.noFlags')}</Text>;
  return (
    <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {flags.map((flag) => (
        <Box component="li" key={flag.key} mb={4}>
          <Group gap={6} wrap="nowrap" align="baseline">
            <Badge variant="outline" color="red.9" tt="none" size="lg" fw={600} style={{ flexShrink: 0 }}>
              {t(`watchList.flags.${flag.key}`)}
            </Badge>
            <Text span fz={size}>
              {flag.message}
            </Text>
          </Group>
        </Box>
      ))}
    </Box>
  );
}
