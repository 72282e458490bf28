import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  TaskStatus,
  TCreateTaskBody,
  TTask,
  TTaskAssignees,
  TTaskCounts,
  TTaskList,
} from '../../../common/api/tasks.ts';
import { api } from '../../lib/api.ts';

/** The caller's tasks of one status (the server brings system tasks up to date first). */
export function useMyTasks(status: TaskStatus) {
  return useQuery({
    queryKey: ['tasks', 'mine', status],
    queryFn: () => api.get<TTaskList>(`/api/tasks?status=${status}`),
  });
}

/** The start page's counter: open and overdue. */
export function useTaskCounts(enabled: boolean) {
  return useQuery({
    queryKey: ['tasks', 'counts'],
    queryFn: () => api.get<TTaskCounts>('/api/tasks/counts'),
    enabled,
  });
}

/** The tasks about a student that the caller may see. */
export function useStudentTasks(studentId: string) {
  return useQuery({
    queryKey: ['tasks', 'student', studentId],
    queryFn: () => api.get<TTaskList>(`/api/students/${encodeURIComponent(studentId)}/tasks`),
  });
}

/** Whom a task may be given to (the caller first). */
export function useTaskAssignees(enabled: boolean) {
  return useQuery({
    queryKey: ['tasks', 'assignees'],
    queryFn: () => api.get<TTaskAssignees>('/api/tasks/assignees'),
    enabled,
    staleTime: 60_000,
  });
}

/** Makes a task by hand (the api client sends one idempotency key per submission). */
export function useCreateTask() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TCreateTaskBody) => api.post<TTask>('/api/tasks', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['tasks'] }),
  });
}

/** Marks a task done, or a task made by hand open again. */
export function useSetTaskDone() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, done }: { id: string; done: boolean }) =>
      api.post<TTask>(`/api/tasks/${encodeURIComponent(id)}/${done ? 'done' : 'reopen'}`, {}),
    onSuccess: () => client.invalidateQueries({ queryKey: ['tasks'] }),
  });
}
