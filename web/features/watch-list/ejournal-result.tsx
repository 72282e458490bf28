import { Alert, Anchor, Group, List, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EjournalKind, TEjournalImportResult } from '../../../common/api/ejournal.ts';
import { errorMessage } from '../../components/feedback.tsx';
import { ApiError } from '../../lib/api.ts';
import { Fact } from '../students/student-header.tsx';

/** The counts of a finished import, announced politely, with the way on to the watch list. */
export function EjournalResult({
  result,
  showWatchList,
}: {
  result: TEjournalImportResult;
  showWatchList: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      p="md"
      role="status"
      mb="md"
      style={{ borderColor: 'var(--mantine-color-teal-9)', borderWidth: 2 }}
    >
      <Text fw={700} fz="lg" mb={4}>
        {t('ejournal.resultTitle')}
      </Text>
      <Text mb="sm">{t('ejournal.resultText', { kind: t(`ejournal.kinds.${result.kind}`) })}</Text>
      <Group component="dl" gap="xl" m={0} mb="sm" align="flex-start">
        <Fact label={t('ejournal.result.rows')}>{result.rows}</Fact>
        <Fact label={t('ejournal.result.inserted')}>{result.inserted}</Fact>
        <Fact label={t('ejournal.result.updated')}>{result.updated}</Fact>
        <Fact label={t('ejournal.result.unchanged')}>{result.unchanged}</Fact>
        <Fact label={t('ejournal.result.studentsRefreshed')}>{result.studentsRefreshed}</Fact>
      </Group>
      {showWatchList && (
        <Anchor component={Link} to="/watch-list" fw={500}>
          {t('watchList.open')}
        </Anchor>
      )}
    </Paper>
  );
}

/** "Row 5: message (column)" from a detail path such as `row.5.personalCode`. */
function rowProblem(
  t: (key: string, options?: Record<string, unknown>) => string,
  kind: EjournalKind,
  path: string,
  message: string,
) {
  const [, row, field] = path.split('.');
  const column = field ? t(`ejournal.fields.${kind}.${field}.name`, { defaultValue: field }) : '';
  return column
    ? t('ejournal.rowProblem', { row, message, column })
    : t('ejournal.rowProblemNoColumn', { row, message });
}

/** A failed upload: the server's message and, for a file with wrong rows, each row's problem. */
export function EjournalErrors({ error, kind }: { error: unknown; kind: EjournalKind }) {
  const { t } = useTranslation();
  if (!error) return null;
  const details = error instanceof ApiError && error.code === 'ejournal_has_errors' ? error.details : [];
  return (
    <Alert color="red" role="alert" title={t('ejournal.errorTitle')} mb="md">
      <Text mb={details.length ? 'sm' : 0}>{errorMessage(error, t('errors.unexpected'))}</Text>
      {details.length > 0 && (
        <List size="sm" spacing={2}>
          {details.map((detail) => (
            <List.Item key={`${detail.path}|${detail.message}`}>
              {rowProblem(t, kind, detail.path, detail.message)}
            </List.Item>
          ))}
        </List>
      )}
      {details.length >= 50 && <Text mt="sm">{t('ejournal.errorsTruncated')}</Text>}
    </Alert>
  );
}
