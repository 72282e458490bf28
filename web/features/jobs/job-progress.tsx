import { Badge, Group, Progress, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TJob } from '../../../common/api/jobs.ts';
import { jobName } from './job-name.ts';

const STATE_COLOURS = { queued: 'gray.8', running: 'blue.9', done: 'teal.9', failed: 'red.9' } as const;

/** A job's state in words and its progress as a bar with the figures (not only colour). */
export function JobProgress({ job }: { job: Pick<TJob, 'state' | 'done' | 'total' | 'errorCode' | 'name'> }) {
  const { t } = useTranslation();
  const percent = job.total
    ? Math.min(100, Math.round((job.done / job.total) * 100))
    : job.state === 'done'
      ? 100
      : 0;
  const label =
    job.total === null ? String(job.done) : t('jobs.doneOf', { done: job.done, total: job.total });
  return (
    <Group gap="sm" wrap="nowrap">
      <Badge color={STATE_COLOURS[job.state]} variant="filled" tt="none">
        {t(`jobs.states.${job.state}`)}
      </Badge>
      {job.state !== 'failed' && (
        <Progress value={percent} w={120} aria-label={t('jobs.progressOf', { name: jobName(job.name, t) })} />
      )}
      <Text fz="sm">
        {job.state === 'failed' ? t('jobs.failed', { code: job.errorCode ?? 'job_failed' }) : label}
      </Text>
    </Group>
  );
}
