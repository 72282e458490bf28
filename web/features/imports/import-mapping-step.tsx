import { Alert, Button, Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  REQUIRED_STUDENT_IMPORT_FIELDS,
  STUDENT_IMPORT_FIELDS,
  type TImportUpload,
  type TStudentMapping,
} from '../../../common/api/imports.ts';
import { ErrorAlert } from '../../components/feedback.tsx';
import { type FieldErrors, fieldErrorsFrom } from '../../lib/form-errors.ts';

type Props = {
  upload: TImportUpload;
  schoolName: string;
  mapping: TStudentMapping;
  pending: boolean;
  /** The failed preview, whose details name the fields (`mapping.classLabel`). */
  error: unknown;
  onChange: (mapping: TStudentMapping) => void;
  onPreview: () => void;
  onRestart: () => void;
};

/** Step 2: which column of the file holds each field; the required ones must be chosen. */
export function ImportMappingStep({
  upload,
  schoolName,
  mapping,
  pending,
  error,
  onChange,
  onPreview,
  onRestart,
}: Props) {
  const { t } = useTranslation();
  const [missing, setMissing] = useState<FieldErrors>({});
  const errors = { ...fieldErrorsFrom(error), ...missing };
  const columns = upload.headers.map((header) => ({ value: header, label: header }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const problems: FieldErrors = {};
    for (const field of REQUIRED_STUDENT_IMPORT_FIELDS) {
      if (!mapping[field]) problems[field] = t('imports.mappingMissing');
    }
    setMissing(problems);
    if (Object.keys(problems).length === 0) onPreview();
  }

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="import-mapping-title">
      <Title order={2} size="h3" id="import-mapping-title" mb="sm">
        {t('imports.mappingTitle')}
      </Title>
      <Group justify="space-between" align="flex-start" mb="md">
        <div>
          <Text>{t('imports.schoolSummary', { school: schoolName })}</Text>
          <Text>
            {t('imports.fileSummary', {
              name: upload.fileName,
              rows: t('imports.rowCount', { count: upload.rowCount }),
              columns: t('imports.columnCount', { count: upload.headers.length }),
            })}
          </Text>
        </div>
        <Button variant="default" size="xs" onClick={onRestart}>
          {t('imports.otherFile')}
        </Button>
      </Group>
      <Alert color={upload.mappingRemembered ? 'teal' : 'blue'} mb="md" title={t('imports.mappingNoteTitle')}>
        {upload.mappingRemembered ? t('imports.mappingRemembered') : t('imports.mappingGuessed')}
      </Alert>
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={error} />
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
            {STUDENT_IMPORT_FIELDS.map((field) => {
              const required = REQUIRED_STUDENT_IMPORT_FIELDS.includes(field);
              return (
                <Select
                  key={field}
                  label={t(`importFields.${field}`)}
                  required={required}
                  placeholder={required ? t('imports.chooseColumn') : t('imports.noColumn')}
                  clearable={!required}
                  clearButtonProps={{ 'aria-label': t('common.clear') }}
                  data={columns}
                  value={mapping[field] ?? null}
                  onChange={(column) => {
                    setMissing((current) => ({ ...current, [field]: '' }));
                    onChange({ ...mapping, [field]: column });
                  }}
                  error={errors[field] || undefined}
                />
              );
            })}
          </SimpleGrid>
          <Text size="sm">{t('imports.levelNote')}</Text>
          <Group>
            <Button type="submit" loading={pending}>
              {t('imports.previewSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
