import { Button, FileInput, Group, Progress, Select, Stack, Text } from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TOrganisation } from '../../common/api/organisations.ts';
import type { FieldErrors } from '../lib/form-errors.ts';

/** What the form sends: the school, the file and where to report the upload's progress (0–1). */
export interface SchoolFileUpload {
  schoolId: string;
  file: File;
  onProgress: (fraction: number) => void;
}

type Props = {
  schools: readonly TOrganisation[];
  fileLabel: string;
  fileHint: string;
  submitLabel: string;
  /** Why the chosen file cannot be sent (type, size), or null. */
  checkFile: (file: File) => string | null;
  pending: boolean;
  onSubmit: (upload: SchoolFileUpload) => void;
  /** A new file was chosen (the caller forgets the previous answer). */
  onFileChange: () => void;
  /** A new school was chosen. */
  onSchoolChange?: () => void;
  /** Field errors the server answered, shown beside the form's own. */
  serverErrors?: FieldErrors;
  /** Above the fields (an error alert). */
  before?: ReactNode;
  /** More fields between the school and the file. */
  fields?: ReactNode;
  /** Below the button (errors per row, the result). */
  after?: ReactNode;
};

/**
 * The upload of a school's file (class list, e-journal export): the school when the user manages
 * several, the file checked before sending, and a progress bar while it goes.
 */
export function SchoolFileUploadForm(props: Props) {
  const { schools } = props;
  const { t } = useTranslation();
  const [chosenSchoolId, setSchoolId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState(0);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const schoolId = schools.length === 1 ? schools[0].id : chosenSchoolId;
  const errors = { ...props.serverErrors, ...clientErrors };

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: FieldErrors = {};
    if (!schoolId) problems.schoolId = t('errors.required');
    if (!file) problems.file = t('imports.fileRequired');
    else {
      const problem = props.checkFile(file);
      if (problem) problems.file = problem;
    }
    setClientErrors(problems);
    if (Object.keys(problems).length > 0 || !schoolId || !file) return;
    setProgress(0);
    props.onSubmit({ schoolId, file, onProgress: setProgress });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack maw={640}>
        {props.before}
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
              props.onSchoolChange?.();
            }}
            error={errors.schoolId}
            nothingFoundMessage={t('organisations.noMatch')}
          />
        )}
        {props.fields}
        <FileInput
          label={props.fileLabel}
          description={props.fileHint}
          placeholder={t('imports.filePlaceholder')}
          required
          accept=".csv,.xlsx"
          value={file}
          onChange={(next) => {
            setFile(next);
            props.onFileChange();
          }}
          clearable
          clearButtonProps={{ 'aria-label': t('common.clear') }}
          error={errors.file}
        />
        {props.pending && (
          <Stack gap={4}>
            <Text size="sm">{t('imports.uploading', { percent: Math.round(progress * 100) })}</Text>
            <Progress value={Math.round(progress * 100)} aria-label={t('imports.uploadProgress')} />
          </Stack>
        )}
        <Group>
          <Button type="submit" loading={props.pending}>
            {props.submitLabel}
          </Button>
        </Group>
        {props.after}
      </Stack>
    </form>
  );
}
