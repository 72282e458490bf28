import { Anchor, Button, FileButton, Progress, Stack, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TApplication } from '../../../common/api/students.ts';
import { formatDate } from '../../../common/format.ts';
import { errorMessage } from '../../components/feedback.tsx';
import { scanUrl, useUploadScan } from './use-consent.ts';

const MAX_BYTES = 5 * 1024 * 1024;
const TYPES_BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

/** The scan's content type from the browser, or from the extension when the browser gives none. */
function scanType(file: File): string | null {
  if (Object.values(TYPES_BY_EXTENSION).includes(file.type)) return file.type;
  return TYPES_BY_EXTENSION[file.name.split('.').pop()?.toLowerCase() ?? ''] ?? null;
}

type Props = { studentId: string; application: TApplication; canUpload: boolean };

/** The scan of a signed application: a download link, and (for those who manage consent) an upload with progress. */
export function ApplicationScan({ studentId, application, canUpload }: Props) {
  const { t } = useTranslation();
  const upload = useUploadScan(studentId);
  const resetRef = useRef<() => void>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const signed = formatDate(application.signedOn);

  function choose(file: File | null) {
    setProblem(null);
    if (!file) return;
    const contentType = scanType(file);
    if (!contentType) return setProblem(t('applications.scanType'));
    if (file.size > MAX_BYTES) return setProblem(t('applications.scanTooLarge'));
    setProgress(0);
    upload.mutate(
      { applicationId: application.id, file, contentType, onProgress: setProgress },
      {
        onError: (error) => setProblem(errorMessage(error, t('errors.unexpected'))),
        onSettled: () => {
          setProgress(null);
          // Let the same file be chosen again after a failure.
          resetRef.current?.();
        },
      },
    );
  }

  return (
    <Stack gap={4}>
      {application.file && (
        <Anchor href={scanUrl(studentId, application.id)} download={application.file.name}>
          {t('applications.scanDownload', { name: application.file.name })}
        </Anchor>
      )}
      {!application.file && !canUpload && <Text fz="inherit">{t('applications.scanNone')}</Text>}
      {canUpload && (
        <FileButton
          resetRef={resetRef}
          onChange={choose}
          accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        >
          {(props) => (
            <Button
              {...props}
              size="xs"
              variant="outline"
              loading={upload.isPending}
              aria-label={t(application.file ? 'applications.scanReplaceFor' : 'applications.scanUploadFor', {
                date: signed,
              })}
            >
              {application.file ? t('applications.scanReplace') : t('applications.scanUpload')}
            </Button>
          )}
        </FileButton>
      )}
      {progress !== null && (
        <Progress value={Math.round(progress * 100)} aria-label={t('applications.scanProgress')} size="sm" />
      )}
      {problem && (
        <Text c="red.9" size="sm" role="alert">
          {problem}
        </Text>
      )}
    </Stack>
  );
}
