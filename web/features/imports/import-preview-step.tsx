import { Anchor, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ROW_STATUSES, type TImportPreview } from '../../../common/api/imports.ts';
import { ErrorAlert } from '../../components/feedback.tsx';
import { ImportPreviewTable } from './import-preview-table.tsx';
import { errorReportUrl } from './use-imports.ts';

type Props = {
  importId: string;
  preview: TImportPreview;
  excluded: ReadonlySet<number>;
  refreshing: boolean;
  committing: boolean;
  commitError: unknown;
  onToggle: (rowNumber: number, exclude: boolean) => void;
  onCommit: () => void;
};

/** Step 3: counts per status, the rows, exclusion of error rows, the error report and the import button. */
export function ImportPreviewStep(props: Props) {
  const { importId, preview, excluded, refreshing, committing, commitError, onToggle, onCommit } = props;
  const { t } = useTranslation();
  const { counts } = preview;
  const canCommit = counts.error === 0 && !refreshing;

  return (
    <Paper
      withBorder
      p="lg"
      component="section"
      aria-labelledby="import-preview-title"
      aria-busy={refreshing}
    >
      <Title order={2} size="h3" id="import-preview-title" mb="md">
        {t('imports.previewTitle')}
      </Title>
      <Stack>
        <SimpleGrid cols={{ base: 2, sm: 5 }} component="dl" m={0} aria-live="polite">
          {ROW_STATUSES.map((status) => (
            <div key={status}>
              <Text component="dt" fw={700}>
                {t(`imports.count.${status}`)}
              </Text>
              <Text component="dd" m={0} fz="xl" fw={status === 'error' && counts.error > 0 ? 700 : 400}>
                {counts[status]}
              </Text>
            </div>
          ))}
        </SimpleGrid>
        {counts.error > 0 ? (
          <Stack gap="xs">
            <Text fw={700}>{t('imports.hasErrors', { count: counts.error })}</Text>
            <Text>{t('imports.hasErrorsHelp')}</Text>
            <Anchor href={errorReportUrl(importId)} download>
              {t('imports.errorReport')}
            </Anchor>
          </Stack>
        ) : (
          <Text>{t('imports.readyText')}</Text>
        )}
        <ErrorAlert error={commitError} />
        <Group>
          <Button onClick={onCommit} disabled={!canCommit} loading={committing}>
            {t('imports.commitSubmit')}
          </Button>
        </Group>
        {preview.truncated && <Text>{t('imports.truncated', { count: preview.rows.length })}</Text>}
        <ImportPreviewTable
          rows={preview.rows}
          excluded={excluded}
          disabled={refreshing || committing}
          onToggle={onToggle}
        />
      </Stack>
    </Paper>
  );
}
