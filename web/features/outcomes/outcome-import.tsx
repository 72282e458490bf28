import { Alert, Button, FileButton, Group, List, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TOutcomeImportResult } from '../../../common/api/outcomes.ts';
import { errorMessage } from '../../components/feedback.tsx';
import { ApiError } from '../../lib/api.ts';
import { outcomeFileType, useImportOutcomes } from './use-outcomes.ts';

/** The server refuses outcome files past 10 MB (MAX_OUTCOME_BYTES). */
const MAX_BYTES = 10 * 1024 * 1024;

/** "Row 5: message (column)" from a detail path such as `row.5.personalCode`. */
function rowProblem(t: (key: string, o?: Record<string, unknown>) => string, path: string, message: string) {
  const [, row, field] = path.split('.');
  if (path.startsWith('column.'))
    return t('yearOutcomes.import.missingColumn', { column: t(`yearOutcomes.import.columns.${row}`) });
  return t('yearOutcomes.import.rowProblem', {
    row,
    message,
    column: t(`yearOutcomes.import.columns.${field}`),
  });
}

/** An outcome file for the school and year: all or nothing; then the count, or every wrong row. */
export function OutcomeImport({
  schoolId,
  schoolYear,
  onStart,
}: {
  schoolId: string;
  schoolYear: number;
  /** Called when a file is chosen (the page clears its last status line). */
  onStart: () => void;
}) {
  const { t } = useTranslation();
  const upload = useImportOutcomes();
  const [result, setResult] = useState<TOutcomeImportResult | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const details =
    upload.error instanceof ApiError &&
    (upload.error.code === 'outcome_import_has_errors' || upload.error.code === 'outcome_import_columns')
      ? upload.error.details
      : [];

  function send(file: File | null) {
    upload.reset();
    setResult(null);
    onStart();
    setFileProblem(null);
    if (!file) return;
    if (!outcomeFileType(file.name)) return setFileProblem(t('imports.fileType'));
    if (file.size > MAX_BYTES) return setFileProblem(t('yearOutcomes.import.tooLarge'));
    upload.mutate({ schoolId, schoolYear, file }, { onSuccess: setResult });
  }

  return (
    <div>
      <Group gap="sm" align="center">
        <FileButton
          onChange={send}
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        >
          {(props) => (
            <Button {...props} variant="default" loading={upload.isPending}>
              {t('yearOutcomes.import.button')}
            </Button>
          )}
        </FileButton>
        <Text size="sm">{t('yearOutcomes.import.hint')}</Text>
      </Group>
      {fileProblem && (
        <Alert color="red" role="alert" mt="sm">
          {fileProblem}
        </Alert>
      )}
      {upload.error && (
        <Alert color="red" role="alert" title={t('yearOutcomes.import.errorTitle')} mt="sm">
          <Text mb={details.length ? 'sm' : 0}>{errorMessage(upload.error, t('errors.unexpected'))}</Text>
          {details.length > 0 && (
            <List size="sm" spacing={2}>
              {details.map((d) => (
                <List.Item key={`${d.path}|${d.message}`}>{rowProblem(t, d.path, d.message)}</List.Item>
              ))}
            </List>
          )}
          {details.length >= 50 && <Text mt="sm">{t('yearOutcomes.import.truncated')}</Text>}
        </Alert>
      )}
      {result && (
        <Alert color="teal" role="status" mt="sm">
          {t('yearOutcomes.import.done', { rows: result.rows, saved: result.saved })}
        </Alert>
      )}
    </div>
  );
}
