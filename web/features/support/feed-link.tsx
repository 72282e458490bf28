import { Button, Code, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/feedback.tsx';
import { useRotateFeed } from './use-schedule.ts';

/**
 * The provider's calendar feed: makes a new secret address (the old one stops working) and shows
 * it once, to paste into a calendar app.
 */
export function FeedLink() {
  const { t } = useTranslation();
  const rotate = useRotateFeed();
  const url = rotate.data ? `${window.location.origin}${rotate.data.path}` : null;
  return (
    <Stack gap="xs">
      <Text size="sm">{t('schedule.feedHint')}</Text>
      <ErrorAlert error={rotate.error} />
      {url && (
        <Text size="sm" aria-live="polite">
          {t('schedule.feedShownOnce')} <Code style={{ wordBreak: 'break-all' }}>{url}</Code>
        </Text>
      )}
      <Button variant="default" onClick={() => rotate.mutate()} loading={rotate.isPending} w="fit-content">
        {t('schedule.feedMake')}
      </Button>
    </Stack>
  );
}
