import { Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TImportUpload } from '../../../common/api/imports.ts';
import type { TOrganisation } from '../../../common/api/organisations.ts';
import { ErrorAlert } from '../../components/feedback.tsx';
import { SchoolFileUploadForm } from '../../components/school-file-upload.tsx';
import { fieldErrorsFrom } from '../../lib/form-errors.ts';
import { classListContentType, useUploadClassList } from './use-imports.ts';

const MAX_BYTES = 64 * 1024 * 1024;

type Props = {
  schools: readonly TOrganisation[];
  onUploaded: (upload: TImportUpload, schoolId: string) => void;
};

/** Step 1: the school (when the user manages several) and the file, sent with a progress bar. */
export function ImportUploadStep({ schools, onUploaded }: Props) {
  const { t } = useTranslation();
  const upload = useUploadClassList();

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="import-upload-title">
      <Title order={2} size="h3" id="import-upload-title" mb="sm">
        {t('imports.uploadTitle')}
      </Title>
      <Text mb="md">{t('imports.uploadIntro')}</Text>
      <SchoolFileUploadForm
        schools={schools}
        fileLabel={t('imports.file')}
        fileHint={t('imports.fileHint')}
        submitLabel={t('imports.uploadSubmit')}
        checkFile={(file) =>
          !classListContentType(file.name)
            ? t('imports.fileType')
            : file.size > MAX_BYTES
              ? t('imports.fileTooLarge')
              : null
        }
        pending={upload.isPending}
        onSubmit={(sent) => upload.mutate(sent, { onSuccess: (result) => onUploaded(result, sent.schoolId) })}
        onFileChange={() => upload.reset()}
        serverErrors={fieldErrorsFrom(upload.error)}
        before={<ErrorAlert error={upload.error} />}
      />
    </Paper>
  );
}
