import { Button, Code, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, LoadingState } from '../../components/feedback.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { type TRopa, useRopa } from './use-privacy.ts';

/** Saves the record the page shows as a JSON file (the server's answer, unchanged). */
function downloadRopa(ropa: TRopa) {
  const blob = new Blob([`${JSON.stringify(ropa, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = `record-of-processing-${ropa.language}.json`;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** One labelled line of an activity: the values joined, or a dash. */
function Field({ label, values }: { label: string; values: string[] }) {
  return (
    <Text size="sm">
      <Text span fw={600}>
        {label}:
      </Text>{' '}
      {values.length > 0 ? values.join('; ') : '—'}
    </Text>
  );
}

/** One part of the record: a section named by its heading. */
function Part({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <Title order={2} size="h3" id={id} mb="xs">
        {title}
      </Title>
      {children}
    </section>
  );
}

/** The record of processing activities (GDPR Art. 30) in the interface's language, with a download. */
export function RopaSection() {
  const { t } = useTranslation();
  const ropa = useRopa(currentLanguage());
  if (ropa.isPending) return <LoadingState />;
  if (ropa.isError) return <LoadError error={ropa.error} onRetry={() => void ropa.refetch()} />;
  const r = ropa.data;
  return (
    <Stack gap="md" maw={1000}>
      <Group justify="space-between" align="start" wrap="wrap">
        <Text maw={700}>{t('privacy.ropaIntro')}</Text>
        <Button variant="outline" onClick={() => downloadRopa(r)}>
          {t('privacy.ropaDownload')}
        </Button>
      </Group>
      <Part id="ropa-controller" title={t('privacy.ropaController')}>
        <Text>{r.controller}</Text>
      </Part>
      <Part id="ropa-activities" title={t('privacy.ropaActivities')}>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
          {r.activities.map((a) => (
            <Paper key={a.purpose} withBorder p="sm" component="article">
              <Title order={3} size="h4" mb="xs">
                {a.name}
              </Title>
              <Stack gap={4}>
                <Field label={t('privacy.ropaSubjects')} values={a.subjects} />
                <Field label={t('privacy.ropaCategories')} values={a.categories} />
                <Field label={t('privacy.ropaBases')} values={a.legalBases} />
                <Field
                  label={t('privacy.ropaRetention')}
                  values={a.retention.map((c) => t(`privacy.classes.${c}`, { defaultValue: c }))}
                />
                <Group gap={4} wrap="wrap" align="center">
                  <Text size="sm" fw={600}>
                    {t('privacy.ropaTables')}:
                  </Text>
                  {a.tables.map((table) => (
                    <Code key={table} style={{ overflowWrap: 'anywhere' }}>
                      {table}
                    </Code>
                  ))}
                </Group>
              </Stack>
            </Paper>
          ))}
        </SimpleGrid>
      </Part>
      <Part id="ropa-recipients" title={t('privacy.ropaRecipients')}>
        <List>
          {r.recipients.map((x) => (
            <List.Item key={x}>{x}</List.Item>
          ))}
        </List>
      </Part>
      <Part id="ropa-transfers" title={t('privacy.ropaTransfers')}>
        <Text>{r.transfers}</Text>
      </Part>
      <Part id="ropa-periods" title={t('privacy.ropaPeriods')}>
        <List>
          {r.retention.map((c) => (
            <List.Item key={c.code}>
              <Text span fw={600}>
                {t(`privacy.classes.${c.code}`, { defaultValue: c.code })}:
              </Text>{' '}
              {c.period}
            </List.Item>
          ))}
        </List>
      </Part>
      <Part id="ropa-security" title={t('privacy.ropaSecurity')}>
        <List>
          {r.security.map((x) => (
            <List.Item key={x}>{x}</List.Item>
          ))}
        </List>
      </Part>
    </Stack>
  );
}
