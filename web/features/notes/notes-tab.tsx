import { Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError, LoadingState, StatusMessage } from '../../components/feedback.tsx';
import { NoteCard } from './note-card.tsx';
import { NoteForm } from './note-form.tsx';
import { useCreateNote, useStudentNotes } from './use-notes.ts';

/** The "Notes" tab of a student: the notes the reader may see (restricted ones locked), and a new one. */
export function NotesTab({ studentId }: { studentId: string }) {
  const { t } = useTranslation();
  const notes = useStudentNotes(studentId);
  const create = useCreateNote(studentId);
  const [message, setMessage] = useState<string | null>(null);

  if (notes.isPending) return <LoadingState />;
  if (notes.isError) return <LoadError error={notes.error} onRetry={() => void notes.refetch()} />;
  const data = notes.data;

  return (
    <Stack gap="xl">
      {data.can.create && (
        <Paper withBorder p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="note-new-title">
          <Title order={2} size="h3" id="note-new-title" mb="md">
            {t('notes.newTitle')}
          </Title>
          <NoteForm
            saving={create.isPending}
            error={create.error}
            submitLabel={t('notes.add')}
            onSubmit={(body, done) => {
              setMessage(null);
              create.mutate(body, {
                onSuccess: () => {
                  done();
                  setMessage(t('notes.added'));
                },
              });
            }}
          />
          <StatusMessage message={message} />
        </Paper>
      )}
      <section aria-labelledby="notes-title">
        <Title order={2} size="h3" id="notes-title" mb="md">
          {t('notes.title')}
        </Title>
        {data.items.length === 0 ? (
          <Text>{t('notes.none')}</Text>
        ) : (
          <Stack gap="md">
            {data.items.map((note) => (
              <NoteCard key={note.id} studentId={studentId} note={note} />
            ))}
          </Stack>
        )}
      </section>
    </Stack>
  );
}
