import { Button, FileInput, Group, Progress, Select, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  EJOURNAL_KINDS,
  type EjournalKind,
  type TEjournalImportResult,
} from '../../../common/api/ejournal.ts';
import type { TOrganisation } from '../../../common/api/organisations.ts';
import type { FieldErrors } from '../../lib/form-errors.ts';
import { EjournalErrors, EjournalResult } from './ejournal-result.tsx';
import { ejournalContentType, useEjournalImport } from './use-watch-list.ts';

const MAX_BYTES = 50 * 1024 * 1024;

type Props = {
  schools: readonly TOrganisation[];
  kind: EjournalKind;
  onKindChange: (kind: EjournalKind) => void;
  showWatchList: boolean;
};

/** School, kind and file; the upload shows its progress, then the counts or every wrong row. */
export function EjournalUploadForm({ schools, kind, onKindChange, showWatchList }: Props) {
  const { t } = useTranslation();
  const upload = useEjournalImport();
  const [chosenSchoolId, setSchoolId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState(0);
  const [result, setResult] = useState<TEjournalImportResult | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const schoolId = schools.length === 1 ? schools[0].id : chosenSchoolId;

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: FieldErrors = {};
    if (!schoolId) problems.schoolId = t('errors.required');
    if (!file) problems.file = t('imports.fileRequired');
    else if (!ejournalContentType(file.name)) problems.file = t('imports.fileType');
    else if (file.size > MAX_BYTES) problems.file = t('ejournal.fileTooLarge');
    setErrors(problems);
    if (Object.keys(problems).length > 0 || !schoolId || !file) return;
    setProgress(0);
    setResult(null);
    upload.mutate({ schoolId, kind, file, onProgress: setProgress }, { onSuccess: setResult });
  }

  function reset() {
    upload.reset();
    setResult(null);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={640}>
        {schools.length === 1 ? (
          <Text>
            <Text span fw={700}>
              {t('students.school')}:
            </Text>{' '}
            {schools[0].name}
          </Text>
        ) : (
          <Select
            label={t('students.school')}
            required
            searchable
            data={schools.map((school) => ({ value: school.id, label: school.name }))}
            value={chosenSchoolId}
            onChange={(next) => {
              setSchoolId(next);
              reset();
            }}
            error={errors.schoolId}
            nothingFoundMessage={t('organisations.noMatch')}
          />
        )}
        <Select
          label={t('ejournal.kind')}
          required
          allowDeselect={false}
          data={EJOURNAL_KINDS.map((each) => ({ value: each, label: t(`ejournal.kinds.${each}`) }))}
          value={kind}
          onChange={(next) => {
            if (next) onKindChange(next as EjournalKind);
            reset();
          }}
        />
        <FileInput
          label={t('ejournal.file')}
          description={t('ejournal.fileHint')}
          placeholder={t('imports.filePlaceholder')}
          required
          accept=".csv,.xlsx"
          value={file}
          onChange={(next) => {
            setFile(next);
            reset();
          }}
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
          error={errors.file}
        />
        {upload.isPending && (
          <Stack gap={4}>
            <Text size="sm">{t('imports.uploading', { percent: Math.round(progress * 100) })}</Text>
            <Progress value={Math.round(progress * 100)} aria-label={t('imports.uploadProgress')} />
          </Stack>
        )}
        <Group>
          <Button type="submit" loading={upload.isPending}>
            {t('ejournal.submit')}
          </Button>
        </Group>
        <EjournalErrors error={upload.error} kind={kind} />
        {result && <EjournalResult result={result} showWatchList={showWatchList} />}
      </Stack>
    </form>
  );
}
