import { Button, Group, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TReportIndicators } from '../../../common/api/reports.ts';
import { formatDateTime } from '../../../common/format.ts';
import { ErrorAlert } from '../../components/feedback.tsx';
import { JobProgress } from '../jobs/job-progress.tsx';
import { useJob } from '../jobs/use-jobs.ts';
import { REPORTS_KEY, useRequestRefresh } from './use-reports.ts';

/**
 * When the figures were computed and, for those the server lets, a button that asks for them to be
 * recomputed now; the job's progress is shown until it has finished, then the figures are read again.
 */
export function ReportRefresh({ report, canRefresh }: { report: TReportIndicators; canRefresh: boolean }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const refresh = useRequestRefresh();
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useJob(jobId);
  const state = job.data?.state;

  useEffect(() => {
    if (state === 'done') void client.invalidateQueries({ queryKey: [...REPORTS_KEY, 'indicators'] });
  }, [state, client]);

  return (
    <div>
      <Group gap="md" align="center">
        <Text data-testid="refreshed-at">
          {report.refreshedAt
            ? t('reports.refreshedAt', { at: formatDateTime(report.refreshedAt) })
            : t('reports.neverRefreshed')}
        </Text>
        {report.refreshRequestedAt && !jobId && (
          <Text c="gray.8">
            {t('reports.refreshPending', { at: formatDateTime(report.refreshRequestedAt) })}
          </Text>
        )}
        {canRefresh && (
          <Button
            variant="default"
            loading={refresh.isPending}
            disabled={state === 'queued' || state === 'running'}
            onClick={() =>
              refresh.mutate(report.period.code, { onSuccess: (started) => setJobId(started.jobId) })
            }
          >
            {t('reports.requestRefresh')}
          </Button>
        )}
      </Group>
      <div role="status">{job.data && <JobProgress job={job.data} />}</div>
      <ErrorAlert error={refresh.error} />
    </div>
  );
}
