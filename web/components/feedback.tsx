import { Alert, Button, Group, Loader, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api.ts';

/** The message to show for any error, preferring the server's (already translated) text. */
export function errorMessage(error: unknown, fallback: string): string {
  if (error instanceof ApiError && error.message) return error.message;
  return fallback;
}

/** "Kļūdas kods: …": the request id of a server's error answer, for the user to quote to support. */
export function RequestIdNote({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError) || !error.requestId) return null;
  return (
    <Text size="sm" mt={4} data-testid="request-id">
      {t('errors.requestId', { id: error.requestId })}
    </Text>
  );
}

/** An error announced to screen readers; shows nothing when there is no error. */
export function ErrorAlert({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" role="alert" title={title} mb="md">
      {errorMessage(error, t('errors.unexpected'))}
      <RequestIdNote error={error} />
    </Alert>
  );
}

/** A spinner with a text, for a page or section still loading. */
export function LoadingState() {
  const { t } = useTranslation();
  return (
    <Group gap="sm" py="md" role="status">
      <Loader size="sm" aria-hidden="true" />
      <Text>{t('common.loading')}</Text>
    </Group>
  );
}

/** A failed load with a way to try again. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" role="alert" title={t('errors.loadFailed')} mb="md">
      <Text mb="sm">{errorMessage(error, t('errors.unexpected'))}</Text>
      <RequestIdNote error={error} />
      <Button variant="default" onClick={onRetry}>
        {t('common.retry')}
      </Button>
    </Alert>
  );
}

/** A polite live region for confirmations such as "Changes saved." (always rendered, so it is announced). */
export function StatusMessage({ message }: { message: string | null }) {
  return (
    <Text role="status" c="teal.9" fw={500} mb={message ? 'md' : 0}>
      {message ?? ''}
    </Text>
  );
}
