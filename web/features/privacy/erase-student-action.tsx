import { Alert, Button, Group, List, Modal, Select, Stack, Text } from '@mantine/core';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ERASURE_REASONS, type ErasureReason } from '../../../common/api/privacy.ts';
import { formatDateTime } from '../../../common/format.ts';
import { errorMessage, RequestIdNote } from '../../components/feedback.tsx';
import { ApiError } from '../../lib/api.ts';
import { useEraseStudent } from './use-privacy.ts';

/** The server's refusal in full: the headline and each detail (the end of the retention period). */
function EraseError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const retention = error instanceof ApiError && error.code === 'retention_runs';
  return (
    <Alert color="red" role="alert" title={retention ? t('privacy.erase.refusedTitle') : undefined}>
      <Text size="sm">{errorMessage(error, t('errors.unexpected'))}</Text>
      {error instanceof ApiError &&
        error.details.map((d) => (
          <Text key={d.message} size="sm" fw={600} mt={4}>
            {d.message}
          </Text>
        ))}
      <RequestIdNote error={error} />
    </Alert>
  );
}

/**
 * "Anonimizēt skolēna datus" (GDPR Art. 17): a dialog with the reason and the consequences; the
 * server refuses with 409 while a retention period runs, and a repeated request erases nothing more.
 * Shown only when the student's `can.erase` says the server allows it.
 */
export function EraseStudentAction({ studentId }: { studentId: string }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  const [reason, setReason] = useState<ErasureReason | null>(null);
  const erase = useEraseStudent(studentId);
  // A double click lands before React re-renders the button as loading: the second one is dropped here.
  const sending = useRef(false);

  function submit() {
    if (!reason || sending.current) return;
    sending.current = true;
    erase.mutate(reason, {
      onSuccess: () => setOpened(false),
      onSettled: () => {
        sending.current = false;
      },
    });
  }

  function close() {
    if (erase.isPending) return;
    setOpened(false);
    setReason(null);
    erase.reset();
  }

  return (
    <>
      <Group gap="xs" mt="sm">
        <Button variant="outline" color="red.9" size="xs" onClick={() => setOpened(true)}>
          {t('privacy.erase.action')}
        </Button>
      </Group>
      <Modal
        opened={opened}
        onClose={close}
        title={t('privacy.erase.title')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        size="lg"
      >
        <Stack gap="sm">
          <Text>{t('privacy.erase.lead')}</Text>
          <List size="sm" spacing={4}>
            <List.Item>{t('privacy.erase.consequenceCleared')}</List.Item>
            <List.Item>{t('privacy.erase.consequenceKept')}</List.Item>
            <List.Item>{t('privacy.erase.consequenceFinal')}</List.Item>
            <List.Item>{t('privacy.erase.consequenceRetention')}</List.Item>
          </List>
          <Select
            label={t('privacy.erase.reason')}
            placeholder={t('privacy.erase.reasonPlaceholder')}
            required
            allowDeselect={false}
            data={ERASURE_REASONS.map((r) => ({ value: r, label: t(`privacy.reasons.${r}`) }))}
            value={reason}
            onChange={(v) => {
              setReason(v as ErasureReason | null);
              erase.reset();
            }}
          />
          <EraseError error={erase.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close} data-autofocus disabled={erase.isPending}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red.9"
              disabled={!reason || erase.isError}
              loading={erase.isPending}
              onClick={submit}
            >
              {t('privacy.erase.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** The student's anonymised state, in place of the erase button. */
export function AnonymisedNote({ anonymisedAt }: { anonymisedAt: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="gray" mt="sm" role="status" title={t('privacy.erase.doneTitle')}>
      <Text size="sm">{t('privacy.erase.done', { when: formatDateTime(anonymisedAt) })}</Text>
    </Alert>
  );
}
