import { Alert, Button, CopyButton, Group, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { NOTE_STYLES } from './support-labels.ts';

/** The remote session's confirmation link, shown once: to copy and send to the students (e.g. in e-klase). */
export function RemoteLink({ path }: { path: string }) {
  const { t } = useTranslation();
  const url = `${window.location.origin}${path}`;
  return (
    <Stack gap="sm">
      <Alert color="orange" title={t('support.linkOnceTitle')} styles={NOTE_STYLES}>
        {t('support.linkOnceText')}
      </Alert>
      <TextInput
        label={t('support.linkLabel')}
        readOnly
        value={url}
        onFocus={(event) => event.currentTarget.select()}
        styles={{ input: { fontFamily: 'monospace' } }}
      />
      <Group>
        <CopyButton value={url}>
          {({ copied, copy }) => (
            <Button onClick={copy} variant={copied ? 'light' : 'filled'} aria-live="polite">
              {copied ? t('support.linkCopied') : t('support.copyLink')}
            </Button>
          )}
        </CopyButton>
      </Group>
    </Stack>
  );
}
