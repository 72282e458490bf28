import type { TTask } from '../../../common/api/tasks.ts';
import { formatDate } from '../../../common/format.ts';

type T = (key: string, options?: Record<string, unknown>) => string;

/** A task's title in words: its own for a task made by hand, the kind's sentence for a system task. */
export function taskTitle(task: Pick<TTask, 'title' | 'kind' | 'params'>, t: T): string {
  if (task.title !== null) return task.title;
  const params: Record<string, string | number> = { ...task.params };
  if (typeof params.date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(params.date))
    params.date = formatDate(params.date);
  return t(`tasks.kinds.${task.kind}`, { ...params, defaultValue: t('tasks.kinds.other') });
}
