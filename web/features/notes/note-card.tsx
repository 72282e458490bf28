import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TNote } from '../../../common/api/notes.ts';
import { formatDate } from '../../../common/format.ts';
import { ErrorAlert, LoadingState, StatusMessage } from '../../components/feedback.tsx';
import { NoteForm } from './note-form.tsx';
import { NoteHistory } from './note-history.tsx';
import { VisibilityBadge } from './note-labels.tsx';
import { useNote, useUpdateNote } from './use-notes.ts';

/**
 * One note of the list. A restricted note shows without its text even to a reader who may read
 * it: "Rādīt tekstu" fetches it (an audited read). The author edits it (each save is a revision)
 * and anyone may open its history.
 */
export function NoteCard({ studentId, note }: { studentId: string; note: TNote }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [editing, setEditing] = useState(false);
  const [history, setHistory] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const needsText = note.text === null && note.can.read && (open || editing);
  const full = useNote(studentId, note.id, needsText);
  const update = useUpdateNote(studentId, note.id);
  const text = note.text ?? (needsText ? (full.data?.text ?? null) : null);
  const headingId = `note-${note.id}`;
  const title = `${formatDate(note.date)} · ${t(`notes.types.${note.type}`)}`;

  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Title order={3} size="h5" id={headingId}>
            {title}
          </Title>
          <VisibilityBadge visibility={note.visibility} />
        </Group>
        <Text size="sm" c="dimmed">
          {t('notes.byline', { name: note.authorName, count: note.revisions })}
        </Text>
        {editing ? (
          full.isPending && needsText ? (
            <LoadingState />
          ) : (
            <NoteForm
              initial={{ date: note.date, type: note.type, visibility: note.visibility, text: text ?? '' }}
              saving={update.isPending}
              error={update.error}
              submitLabel={t('notes.saveEdit')}
              onCancel={() => setEditing(false)}
              onSubmit={(body) =>
                update.mutate(body, {
                  onSuccess: () => {
                    setEditing(false);
                    setOpen(true);
                    setMessage(t('notes.saved'));
                  },
                })
              }
            />
          )
        ) : text !== null ? (
          <Text style={{ whiteSpace: 'pre-wrap' }}>{text}</Text>
        ) : note.can.read ? (
          open && full.isPending ? (
            <LoadingState />
          ) : (
            <Text size="sm" fs="italic">
              {t('notes.restrictedHidden')}
            </Text>
          )
        ) : (
          <Text size="sm" fs="italic">
            {t('notes.textWithheld')}
          </Text>
        )}
        <ErrorAlert error={full.error} />
        <StatusMessage message={message} />
        {!editing && (
          <Group gap="xs">
            {note.text === null && note.can.read && !open && (
              <Button variant="default" size="xs" onClick={() => setOpen(true)}>
                {t('notes.showText')}
              </Button>
            )}
            {note.can.edit && (
              <Button
                variant="default"
                size="xs"
                onClick={() => {
                  setMessage(null);
                  setEditing(true);
                }}
              >
                {t('notes.edit')}
              </Button>
            )}
            <Button variant="default" size="xs" onClick={() => setHistory((v) => !v)} aria-expanded={history}>
              {history ? t('notes.hideHistory') : t('notes.showHistory', { n: note.revisions })}
            </Button>
          </Group>
        )}
        {history && <NoteHistory studentId={studentId} noteId={note.id} headingId={`${headingId}-history`} />}
      </Stack>
    </Paper>
  );
}
