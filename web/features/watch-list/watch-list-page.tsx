import { Anchor, Button, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { CursorPagination, useCursorPages } from '../../components/cursor-pagination.tsx';
import { LoadError, LoadingState } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useCurrentUser } from '../auth/use-session.ts';
import { defaultSemesterId } from '../risks/risk-labels.ts';
import { useSemesters } from '../risks/use-risks.ts';
import { useStudentSchools } from '../students/student-schools.ts';
import { useRiskRanks } from './use-risk-ranks.ts';
import { useWatchList, type WatchListParams, watchListXlsxUrl } from './use-watch-list.ts';
import { WatchListFilters } from './watch-list-filters.tsx';
import { WatchListTable } from './watch-list-table.tsx';

const PAGE_SIZE = 50;

function readParams(
  params: URLSearchParams,
  fallbackSemester: string | null,
): Omit<WatchListParams, 'cursor'> {
  return {
    semesterId: params.get('semesterId') ?? fallbackSemester,
    schoolId: params.get('schoolId'),
    grade: params.get('grade'),
    flag: params.get('flag'),
    onlyUnassessed: params.get('onlyUnassessed') === 'true',
    withoutPlan: params.get('withoutPlan') === 'true',
    legalDutyOpen: params.get('legalDuty') === 'open',
    pageSize: PAGE_SIZE,
  };
}

/**
 * The watch list: students whose e-journal data cross a threshold, with the reasons in words,
 * whether their risks are assessed and whether the municipality was informed. Filters live in the
 * address bar; the XLSX has every row for the same filters.
 */
export function WatchListPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const semesters = useSemesters();
  const { schools } = useStudentSchools();
  const filters = readParams(params, defaultSemesterId(semesters.data));
  const pages = useCursorPages(JSON.stringify(filters));
  const list = { ...filters, cursor: pages.cursor };
  const watchList = useWatchList(list);

  function update(changes: Record<string, string | null>) {
    // From the address itself: a filter changed just before may not have re-rendered the page yet.
    const next = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    next.delete('page');
    setParams(next, { replace: true });
  }

  const data = watchList.data;
  // Ranks are within a school: the schools of the rows shown (one when the list is filtered to one).
  const rankSchools = data ? [...new Set(data.items.map((i) => i.schoolId))] : [];
  const ranks = useRiskRanks(rankSchools, data?.semesterId ?? null, me.can.viewWatchList);
  return (
    <>
      <Group justify="space-between" align="flex-start">
        <PageHeading>{t('watchList.title')}</PageHeading>
        <Group>
          {me.can.manageThresholds && (
            <Button variant="default" component={Link} to="/watch-list/thresholds">
              {t('thresholds.title')}
            </Button>
          )}
          {data && data.total > 0 && (
            <Button component="a" href={watchListXlsxUrl(list)} download>
              {t('watchList.downloadXlsx')}
            </Button>
          )}
        </Group>
      </Group>
      <Text mb="md" maw={900}>
        {t('watchList.intro')}
      </Text>
      <WatchListFilters value={list} schools={schools} onChange={(changes) => update(changes)} />
      {(semesters.isPending || watchList.isPending) && <LoadingState />}
      {semesters.isError && <LoadError error={semesters.error} onRetry={() => void semesters.refetch()} />}
      {watchList.isError && <LoadError error={watchList.error} onRetry={() => void watchList.refetch()} />}
      {data && data.items.length === 0 && <Text>{t('watchList.empty')}</Text>}
      {data && data.items.length > 0 && (
        <>
          <WatchListTable
            items={data.items}
            showSchool={schools.length > 1 && !list.schoolId}
            semesterId={data.semesterId}
            busy={watchList.isFetching}
            ranks={ranks}
          />
          {!ranks.pending && (
            <Text mt="sm" fz="sm" maw={900}>
              {ranks.fitted ? t('riskScore.advisory') : t('riskScore.noFit')}
            </Text>
          )}
          <CursorPagination
            pages={pages}
            pageSize={PAGE_SIZE}
            shown={data.items.length}
            total={data.total}
            totalAtLeast={data.totalAtLeast}
            nextCursor={data.nextCursor}
          />
        </>
      )}
      <Text mt="lg" fz="sm">
        {t('watchList.importHint')}{' '}
        {me.can.manageStudents && (
          <Anchor component={Link} to="/ejournal">
            {t('ejournal.title')}
          </Anchor>
        )}
      </Text>
    </>
  );
}
