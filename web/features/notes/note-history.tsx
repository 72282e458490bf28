import { List, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '../../../common/format.ts';
import { LoadError, LoadingState } from '../../components/feedback.tsx';
import { useNoteRevisions } from './use-notes.ts';

/** Every revision of a note, the latest first; the text of each only when the reader may read it. */
export function NoteHistory({
  studentId,
  noteId,
  headingId,
}: {
  studentId: string;
  noteId: string;
  headingId: string;
}) {
  const { t } = useTranslation();
  const revisions = useNoteRevisions(studentId, noteId, true);
  if (revisions.isPending) return <LoadingState />;
  if (revisions.isError)
    return <LoadError error={revisions.error} onRetry={() => void revisions.refetch()} />;
  return (
    <section aria-labelledby={headingId}>
      <Title order={4} size="h5" id={headingId} mb="xs">
        {t('notes.historyTitle', { n: revisions.data.items.length })}
      </Title>
      <List listStyleType="none" spacing="sm" ml={0} pl={0}>
        {revisions.data.items.map((r) => (
          <List.Item key={r.revision}>
            <Text fw={600} size="sm">
              {t('notes.revisionLine', {
                n: r.revision,
                at: formatDateTime(r.editedAt),
                name: r.editedByName,
              })}
            </Text>
            <Text size="sm" c="dimmed">
              {formatDate(r.date)} · {t(`notes.types.${r.type}`)} · {t(`notes.visibilities.${r.visibility}`)}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {r.text ?? t('notes.textWithheld')}
            </Text>
          </List.Item>
        ))}
      </List>
    </section>
  );
}
