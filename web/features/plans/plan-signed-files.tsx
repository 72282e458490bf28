import { Anchor, Button, FileButton, Group, List, Paper, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ASICE_TYPE, type TSignedFileList } from '../../../common/api/plan-files.ts';
import type { TPlan } from '../../../common/api/plans.ts';
import { formatDateTime } from '../../../common/format.ts';
import { errorMessage, LoadError, LoadingState, StatusMessage } from '../../components/feedback.tsx';
import { api } from '../../lib/api.ts';
import { uploadFile } from '../../lib/upload.ts';

const TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  edoc: ASICE_TYPE,
  asice: ASICE_TYPE,
  sce: ASICE_TYPE,
};
const MAX_BYTES = 5 * 1024 * 1024;
const key = (planId: string) => ['plans', planId, 'signed-files'];

/**
 * "Parakstītais plāns" on the plan page: the signed copies uploaded (scans or eParaksts containers)
 * with who uploaded them and when, and for the school's plan team an upload.
 */
export function PlanSignedFiles({ plan }: { plan: TPlan }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const base = `/api/plans/${encodeURIComponent(plan.id)}/signed-files`;
  const files = useQuery({ queryKey: key(plan.id), queryFn: () => api.get<TSignedFileList>(base) });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function choose(file: File | null) {
    setProblem(null);
    setMessage(null);
    if (!file) return;
    const type = TYPES[file.name.split('.').pop()?.toLowerCase() ?? ''];
    if (!type) return setProblem(t('planFiles.type'));
    if (file.size > MAX_BYTES) return setProblem(t('planFiles.tooLarge'));
    setBusy(true);
    try {
      const list = await uploadFile<TSignedFileList>({
        method: 'POST',
        url: `${base}?fileName=${encodeURIComponent(file.name)}`,
        file,
        contentType: type,
      });
      client.setQueryData(key(plan.id), list);
      setMessage(t('planFiles.uploaded'));
    } catch (error) {
      setProblem(errorMessage(error, t('planFiles.failed')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="plan-signed-files-title">
      <Title order={2} size="h3" id="plan-signed-files-title" mb="xs">
        {t('planFiles.title')}
      </Title>
      {files.isPending ? (
        <LoadingState />
      ) : files.isError ? (
        <LoadError error={files.error} onRetry={() => void files.refetch()} />
      ) : (
        <>
          {files.data.canUpload && (
            <Text mb="sm" maw={800}>
              {t('planFiles.intro')}
            </Text>
          )}
          <StatusMessage message={message} />
          {files.data.items.length === 0 ? (
            <Text mb="sm">{t('planFiles.empty')}</Text>
          ) : (
            <List spacing="xs" mb="sm" aria-label={t('planFiles.listLabel')} listStyleType="none">
              {files.data.items.map((f) => {
                const at = formatDateTime(f.uploadedAt);
                return (
                  <List.Item key={f.id}>
                    <Group gap="xs" wrap="wrap">
                      <Anchor href={`${base}/${encodeURIComponent(f.id)}`} download={f.fileName}>
                        {f.fileName}
                      </Anchor>
                      <Text size="sm" fw={700}>
                        {t(`planFiles.${f.kind}`)}
                      </Text>
                      <Text size="sm">
                        {f.uploadedByName
                          ? t('planFiles.by', { name: f.uploadedByName, at })
                          : t('planFiles.byUnknown', { at })}
                      </Text>
                    </Group>
                  </List.Item>
                );
              })}
            </List>
          )}
          {files.data.canUpload && (
            <Group gap="sm" wrap="wrap">
              <FileButton
                onChange={(file) => void choose(file)}
                accept=".pdf,.jpg,.jpeg,.png,.edoc,.asice,.sce,application/pdf,image/jpeg,image/png,application/vnd.etsi.asic-e+zip"
              >
                {(props) => (
                  <Button {...props} variant="default" loading={busy}>
                    {t('planFiles.upload')}
                  </Button>
                )}
              </FileButton>
              {problem && (
                <Text size="sm" c="red.9" role="alert">
                  {problem}
                </Text>
              )}
            </Group>
          )}
        </>
      )}
    </Paper>
  );
}
