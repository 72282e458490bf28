import { Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../common/format.ts';
import { ErrorAlert, LoadError, LoadingState, StatusMessage } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { useOrganisations } from '../organisations/use-organisations.ts';
import { jobName } from './job-name.ts';
import { JobProgress } from './job-progress.tsx';
import { useJobs, useRecomputeIndicators } from './use-jobs.ts';

/** Starts an indicator recomputation for one of the organisations the server says the caller may. */
function RecomputeIndicators({ onStarted }: { onStarted: (m: string) => void }) {
  const { t } = useTranslation();
  const organisations = useOrganisations();
  const recompute = useRecomputeIndicators();
  const choices = (organisations.data ?? [])
    .filter((o) => o.type !== 'partner' && o.can.recomputeIndicators)
    .map((o) => ({ value: o.id, label: o.name }));
  const [chosen, setChosen] = useState<string | null>(null);
  const orgId = chosen ?? choices[0]?.value ?? null;
  if (choices.length === 0) return null;
  return (
    <Stack gap="xs">
      <Group align="end" gap="sm" wrap="wrap">
        <Select
          label={t('jobs.recomputeFor')}
          searchable
          allowDeselect={false}
          maw={420}
          data={choices}
          value={orgId}
          onChange={setChosen}
          nothingFoundMessage={t('organisations.noMatch')}
        />
        <Button
          loading={recompute.isPending}
          disabled={!orgId}
          onClick={() => orgId && recompute.mutate(orgId, { onSuccess: () => onStarted(t('jobs.started')) })}
        >
          {t('jobs.recompute')}
        </Button>
      </Group>
      <ErrorAlert error={recompute.error} />
    </Stack>
  );
}

/**
 * Background jobs of the caller's scope (imports, indicator recomputations, the system's scheduled
 * work for the national admin), newest first, with their progress; refreshed while any is unfinished.
 */
export function JobsPage() {
  const { t } = useTranslation();
  const jobs = useJobs();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <Stack gap="md">
      <PageHeading>{t('jobs.title')}</PageHeading>
      <Text maw={800}>{t('jobs.intro')}</Text>
      <RecomputeIndicators onStarted={setMessage} />
      <StatusMessage message={message} />
      {jobs.isPending && <LoadingState />}
      {jobs.isError && <LoadError error={jobs.error} onRetry={() => void jobs.refetch()} />}
      {jobs.data && jobs.data.items.length === 0 && <Text>{t('jobs.none')}</Text>}
      {jobs.data && jobs.data.items.length > 0 && (
        <TableScroll label={t('jobs.caption')} minWidth={760}>
          <Table striped>
            <Table.Caption>{t('jobs.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('jobs.colJob')}</Table.Th>
                <Table.Th scope="col">{t('jobs.colOrganisation')}</Table.Th>
                <Table.Th scope="col">{t('jobs.colProgress')}</Table.Th>
                <Table.Th scope="col">{t('jobs.colStarted')}</Table.Th>
                <Table.Th scope="col">{t('jobs.colUpdated')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {jobs.data.items.map((job) => (
                <Table.Tr key={job.id}>
                  <Table.Td>{jobName(job.name, t)}</Table.Td>
                  <Table.Td>{job.organisationName ?? t('jobs.system')}</Table.Td>
                  <Table.Td>
                    <JobProgress job={job} />
                  </Table.Td>
                  <Table.Td>{formatDateTime(job.createdAt)}</Table.Td>
                  <Table.Td>{formatDateTime(job.updatedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Stack>
  );
}
