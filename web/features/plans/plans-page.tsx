import { Group, Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PLAN_STATUSES, type PlanStatus } from '../../../common/api/plans.ts';
import { CursorPagination, useCursorPages } from '../../components/cursor-pagination.tsx';
import { LoadError, LoadingState } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { PlanTable } from './plan-table.tsx';
import { usePlanList } from './use-plans.ts';

const PAGE_SIZE = 50;
const LISTED = PLAN_STATUSES.filter((s) => s !== 'deleted');

/** Every plan the user may see, newest first, with a status filter kept in the address (`?status=`). */
export function PlansPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const requested = params.get('status');
  const status = (LISTED as readonly string[]).includes(requested ?? '') ? (requested as PlanStatus) : null;
  const pages = useCursorPages(status ?? '');
  const plans = usePlanList({ status, cursor: pages.cursor, pageSize: PAGE_SIZE });

  function update(changes: Record<string, string | null>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  }

  return (
    <>
      <PageHeading>{t('plans.title')}</PageHeading>
      <Group mb="md" align="flex-end">
        <Select
          label={t('plans.status')}
          data={[
            { value: '', label: t('plans.allStatuses') },
            ...LISTED.map((value) => ({ value, label: t(`plans.statuses.${value}`) })),
          ]}
          value={status ?? ''}
          onChange={(value) => update({ status: value || null, page: null })}
          allowDeselect={false}
          w={260}
        />
      </Group>
      {plans.isPending && <LoadingState />}
      {plans.isError && <LoadError error={plans.error} onRetry={() => void plans.refetch()} />}
      {plans.data && plans.data.items.length === 0 && <Text>{t('plans.empty')}</Text>}
      {plans.data && plans.data.items.length > 0 && (
        <>
          <PlanTable plans={plans.data.items} caption={t('plans.tableCaption')} showStudent />
          <CursorPagination
            pages={pages}
            pageSize={PAGE_SIZE}
            shown={plans.data.items.length}
            total={plans.data.total}
            totalAtLeast={plans.data.totalAtLeast}
            nextCursor={plans.data.nextCursor}
          />
        </>
      )}
    </>
  );
}
