import { Anchor, Button, FileButton, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { TReferral } from '../../../common/api/referrals.ts';
import {
  ErrorAlert,
  errorMessage,
  LoadError,
  LoadingState,
  StatusMessage,
} from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { ApiError } from '../../lib/api.ts';
import { uploadFile } from '../../lib/upload.ts';
import { NotFoundPage } from '../shell/not-found-page.tsx';
import { ReferralCard } from './referral-card.tsx';
import { SharedDataView } from './shared-data-view.tsx';
import { useReferral, useReferralStatus, useRefreshReferrals } from './use-referrals.ts';

const TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};
const MAX_BYTES = 5 * 1024 * 1024;

/** The partner's page of one referral: the data items the school chose, the status buttons, the answer. */
export function PartnerReferralPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const referral = useReferral(id);
  if (referral.isPending) return <LoadingState />;
  if (referral.isError) {
    if (referral.error instanceof ApiError && referral.error.status === 404) return <NotFoundPage />;
    return <LoadError error={referral.error} onRetry={() => void referral.refetch()} />;
  }
  const r = referral.data;
  return (
    <Stack gap="lg">
      <Anchor component={Link} to="/referrals" display="inline-block">
        {t('referrals.backToInbox')}
      </Anchor>
      <PageHeading>{t('referrals.pageTitle', { code: r.code })}</PageHeading>
      <ReferralCard referral={r} />
      <Paper withBorder p="lg" component="section" aria-labelledby="referral-data-title">
        <Title order={2} size="h3" id="referral-data-title" mb="md">
          {t('referrals.dataTitle')}
        </Title>
        {r.data ? (
          <SharedDataView data={r.data} caption={t('referrals.dataCaption')} />
        ) : (
          <Text>{t('referrals.dataWithdrawn')}</Text>
        )}
      </Paper>
      {(r.can.receive || r.can.start || r.can.answer || r.can.attach) && <PartnerActions referral={r} />}
    </Stack>
  );
}

/** The partner's buttons and answer form, as the referral's `can` allows. */
function PartnerActions({ referral: r }: { referral: TReferral }) {
  const { t } = useTranslation();
  const status = useReferralStatus(r.id);
  const refresh = useRefreshReferrals();
  const [response, setResponse] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);

  function move(next: 'received' | 'in_progress') {
    setMessage(null);
    status.mutate({ status: next }, { onSuccess: () => setMessage(t(`referrals.moved.${next}`)) });
  }

  function answer(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    if (!response.trim()) return setProblem(t('referrals.responseRequired'));
    setProblem(null);
    status.mutate(
      { status: 'answered', response: response.trim() },
      { onSuccess: () => setMessage(t('referrals.moved.answered')) },
    );
  }

  async function attach(file: File | null) {
    setProblem(null);
    if (!file) return;
    const type = Object.values(TYPES).includes(file.type)
      ? file.type
      : TYPES[file.name.split('.').pop()?.toLowerCase() ?? ''];
    if (!type) return setProblem(t('referrals.fileType'));
    if (file.size > MAX_BYTES) return setProblem(t('referrals.fileTooLarge'));
    setUploading(true);
    try {
      await uploadFile({
        method: 'PUT',
        url: `/api/referrals/${encodeURIComponent(r.id)}/attachment?fileName=${encodeURIComponent(file.name)}`,
        file,
        contentType: type,
      });
      await refresh();
      setMessage(t('referrals.attached'));
    } catch (error) {
      setProblem(errorMessage(error, t('referrals.fileFailed')));
    } finally {
      setUploading(false);
    }
  }

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="referral-work-title">
      <Title order={2} size="h3" id="referral-work-title" mb="md">
        {t('referrals.workTitle')}
      </Title>
      <Stack gap="sm" maw={640}>
        <ErrorAlert error={status.error} />
        <StatusMessage message={message} />
        {problem && (
          <Text c="red.9" role="alert">
            {problem}
          </Text>
        )}
        <Group>
          {r.can.receive && (
            <Button onClick={() => move('received')} loading={status.isPending}>
              {t('referrals.markReceived')}
            </Button>
          )}
          {r.can.start && (
            <Button variant="default" onClick={() => move('in_progress')} loading={status.isPending}>
              {t('referrals.markInProgress')}
            </Button>
          )}
          {r.can.attach && (
            <FileButton
              onChange={(f) => void attach(f)}
              accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
            >
              {(props) => (
                <Button {...props} variant="default" loading={uploading}>
                  {r.attachment ? t('referrals.replaceFile') : t('referrals.attachFile')}
                </Button>
              )}
            </FileButton>
          )}
        </Group>
        {r.can.answer && (
          <form onSubmit={answer} noValidate>
            <Stack gap="sm">
              <Textarea
                label={t('referrals.response')}
                description={t('referrals.responseHint')}
                required
                autosize
                minRows={4}
                maxLength={4000}
                value={response}
                onChange={(e) => setResponse(e.currentTarget.value)}
              />
              <Group>
                <Button type="submit" loading={status.isPending}>
                  {t('referrals.answer')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
