import { Button, FileInput, Group, Paper, Progress, Select, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TImportUpload } from '../../../common/api/imports.ts';
import type { TOrganisation } from '../../../common/api/organisations.ts';
import { ErrorAlert } from '../../components/feedback.tsx';
import { type FieldErrors, fieldErrorsFrom } from '../../lib/form-errors.ts';
import { classListContentType, useUploadClassList } from './use-imports.ts';

const MAX_BYTES = 20 * 1024 * 1024;

type Props = {
  schools: readonly TOrganisation[];
  onUploaded: (upload: TImportUpload, schoolId: string) => void;
};

/** Step 1: the school (when the user manages several) and the file, sent with a progress bar. */
export function ImportUploadStep({ schools, onUploaded }: Props) {
  const { t } = useTranslation();
  const upload = useUploadClassList();
  const [chosenSchoolId, setSchoolId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState(0);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const schoolId = schools.length === 1 ? schools[0].id : chosenSchoolId;
  const errors = { ...fieldErrorsFrom(upload.error), ...clientErrors };

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: FieldErrors = {};
    if (!schoolId) problems.schoolId = t('errors.required');
    if (!file) problems.file = t('imports.fileRequired');
    else if (!classListContentType(file.name)) problems.file = t('imports.fileType');
    else if (file.size > MAX_BYTES) problems.file = t('imports.fileTooLarge');
    setClientErrors(problems);
    if (Object.keys(problems).length > 0 || !schoolId || !file) return;
    setProgress(0);
    upload.mutate(
      { schoolId, file, onProgress: setProgress },
      { onSuccess: (result) => onUploaded(result, schoolId) },
    );
  }

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="import-upload-title">
      <Title order={2} size="h3" id="import-upload-title" mb="sm">
        {t('imports.uploadTitle')}
      </Title>
      <Text mb="md">{t('imports.uploadIntro')}</Text>
      <form onSubmit={submit} noValidate>
        <Stack maw={640}>
          <ErrorAlert error={upload.error} />
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
              onChange={setSchoolId}
              error={errors.schoolId}
              nothingFoundMessage={t('organisations.noMatch')}
            />
          )}
          <FileInput
            label={t('imports.file')}
            description={t('imports.fileHint')}
            placeholder={t('imports.filePlaceholder')}
            required
            accept=".csv,.xlsx"
            value={file}
            onChange={(next) => {
              setFile(next);
              upload.reset();
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
              {t('imports.uploadSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
