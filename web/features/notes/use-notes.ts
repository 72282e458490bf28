import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TMyNote, TNote, TNoteBody, TNoteList, TNoteRevisionList } from '../../../common/api/notes.ts';
import { api } from '../../lib/api.ts';

const base = (studentId: string) => `/api/students/${encodeURIComponent(studentId)}/notes`;
const one = (studentId: string, noteId: string) => `${base(studentId)}/${encodeURIComponent(noteId)}`;

/** The cache key under which every notes query lives. */
export const NOTES_KEY = ['notes'] as const;

/** A student's notes: every note's facts, the text of team notes. */
export function useStudentNotes(studentId: string) {
  return useQuery({
    queryKey: [...NOTES_KEY, studentId],
    queryFn: () => api.get<TNoteList>(base(studentId)),
  });
}

/** One note with its text when the caller may read it (a restricted note's read is audited). */
export function useNote(studentId: string, noteId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...NOTES_KEY, studentId, noteId],
    queryFn: () => api.get<TNote>(one(studentId, noteId)),
    enabled,
    // Every open is a deliberate, audited read: never refetched behind the reader's back.
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
}

/** A note's revisions (loaded when the history is opened). */
export function useNoteRevisions(studentId: string, noteId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...NOTES_KEY, studentId, noteId, 'revisions'],
    queryFn: () => api.get<TNoteRevisionList>(`${one(studentId, noteId)}/revisions`),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
}

/** Writes a note. */
export function useCreateNote(studentId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TNoteBody) => api.post<TNote>(base(studentId), body),
    onSuccess: () => client.invalidateQueries({ queryKey: [...NOTES_KEY, studentId] }),
  });
}

/** Saves a note's next revision (its author only). */
export function useUpdateNote(studentId: string, noteId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TNoteBody) => api.put<TNote>(one(studentId, noteId), body),
    onSuccess: (note) => {
      client.setQueryData([...NOTES_KEY, studentId, noteId], note);
      void client.invalidateQueries({ queryKey: [...NOTES_KEY, studentId], exact: true });
      void client.invalidateQueries({ queryKey: [...NOTES_KEY, studentId, noteId, 'revisions'] });
      void client.invalidateQueries({ queryKey: [...NOTES_KEY, 'mine'] });
    },
  });
}

/** The caller's own latest notes (start page). */
export function useMyNotes(enabled = true) {
  return useQuery({
    queryKey: [...NOTES_KEY, 'mine'],
    queryFn: () => api.get<{ items: TMyNote[] }>('/api/notes/mine').then((b) => b.items),
    enabled,
  });
}
