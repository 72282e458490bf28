import { Anchor, Button, FileButton, Group, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../components/feedback.tsx';
import { uploadFile } from '../../lib/upload.ts';
import { BUDGETS_KEY, type TPayment } from './use-budgets.ts';

const TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};
const MAX_BYTES = 5 * 1024 * 1024;

type Props = { planId: string; payment: TPayment; canUpload: boolean };

/** A payment's receipt or invoice scan: a download link, and for the school's director or coordinator an upload. */
export function PaymentScan({ planId, payment, canUpload }: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const url = `/api/plans/${planId}/payments/${payment.id}/scan`;

  async function choose(file: File | null) {
    setProblem(null);
    if (!file) return;
    const type = Object.values(TYPES).includes(file.type)
      ? file.type
      : TYPES[file.name.split('.').pop()?.toLowerCase() ?? ''];
    if (!type) return setProblem(t('payments.scanType'));
    if (file.size > MAX_BYTES) return setProblem(t('payments.scanTooLarge'));
    setBusy(true);
    try {
      await uploadFile({
        method: 'PUT',
        url: `${url}?fileName=${encodeURIComponent(file.name)}`,
        file,
        contentType: type,
      });
      await client.invalidateQueries({ queryKey: [...BUDGETS_KEY, 'payments', planId] });
    } catch (error) {
      setProblem(errorMessage(error, t('payments.scanFailed')));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Group gap="xs" wrap="nowrap">
      {payment.hasScan && (
        <Anchor href={url} download>
          {t('payments.scanDownload')}
        </Anchor>
      )}
      {canUpload && (
        <FileButton
          onChange={(file) => void choose(file)}
          accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        >
          {(props) => (
            <Button {...props} size="compact-sm" variant="default" loading={busy}>
              {payment.hasScan ? t('payments.scanReplace') : t('payments.scanUpload')}
            </Button>
          )}
        </FileButton>
      )}
      {problem && (
        <Text size="sm" c="red.9" role="alert">
          {problem}
        </Text>
      )}
    </Group>
  );
}
