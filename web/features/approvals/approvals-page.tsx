import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  List,
  Modal,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CursorPagination, useCursorPages } from '../../components/cursor-pagination.tsx';
import { ErrorAlert, LoadError, LoadingState, StatusMessage } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { useCurrentUser } from '../auth/use-session.ts';
import { waitedLabel } from '../plans/plan-labels.ts';
import { NotFoundPage } from '../shell/not-found-page.tsx';
import { useApprovalQueue, useBulkApprove } from './use-approvals.ts';

const PAGE_SIZE = 50;

/**
 * The approver's queue, oldest first: how long each plan has waited at this level, whether it was
 * resubmitted after a return, and ticked plans approved together (all or none).
 */
export function ApprovalsPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const pages = useCursorPages('');
  const approver = me.can.approvePlans;
  const queue = useApprovalQueue(pages.cursor, PAGE_SIZE, approver);
  const approve = useBulkApprove();
  const [selected, setSelected] = useState<string[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  if (!approver) return <NotFoundPage />;
  const items = queue.data?.items ?? [];
  const ticked = selected.filter((id) => items.some((p) => p.id === id));
  const all = items.length > 0 && ticked.length === items.length;

  function toggle(id: string, on: boolean) {
    setSelected((s) => (on ? [...s, id] : s.filter((x) => x !== id)));
  }

  function askToApprove() {
    setMessage(null);
    approve.reset();
    setConfirming(true);
  }

  function approveTicked() {
    approve.mutate(ticked, {
      onSuccess: ({ approved }) => {
        setConfirming(false);
        setSelected([]);
        setMessage(t('approvals.approved', { count: approved }));
      },
    });
  }

  return (
    <>
      <PageHeading>{t('approvals.title')}</PageHeading>
      <Text mb="md">{t('approvals.intro')}</Text>
      <StatusMessage message={message} />
      {!confirming && <ErrorAlert error={approve.error} />}
      {queue.isPending && <LoadingState />}
      {queue.isError && <LoadError error={queue.error} onRetry={() => void queue.refetch()} />}
      {queue.data && items.length === 0 && <Text>{t('approvals.empty')}</Text>}
      {items.length > 0 && (
        <>
          <Group mb="sm">
            <Button onClick={askToApprove} disabled={ticked.length === 0}>
              {t('approvals.approveTicked', { n: ticked.length })}
            </Button>
          </Group>
          <TableScroll label={t('approvals.caption')} minWidth={900}>
            <Table striped highlightOnHover>
              <caption>
                <VisuallyHidden>{t('approvals.caption')}</VisuallyHidden>
              </caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col" w={48}>
                    <Checkbox
                      aria-label={t('approvals.tickAll')}
                      checked={all}
                      indeterminate={ticked.length > 0 && !all}
                      onChange={(event) =>
                        setSelected(event.currentTarget.checked ? items.map((p) => p.id) : [])
                      }
                    />
                  </Table.Th>
                  <Table.Th scope="col">{t('plans.code')}</Table.Th>
                  <Table.Th scope="col">{t('plans.student')}</Table.Th>
                  <Table.Th scope="col">{t('plans.school')}</Table.Th>
                  <Table.Th scope="col">{t('approvals.level')}</Table.Th>
                  <Table.Th scope="col">{t('approvals.waited')}</Table.Th>
                  <Table.Th scope="col">{t('approvals.notes')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((plan) => (
                  <Table.Tr key={plan.id}>
                    <Table.Td>
                      <Checkbox
                        aria-label={t('approvals.tick', { code: plan.code, name: plan.studentName })}
                        checked={ticked.includes(plan.id)}
                        onChange={(event) => toggle(plan.id, event.currentTarget.checked)}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Anchor component={Link} to={`/plans/${plan.id}`} fw={600}>
                        {plan.code}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      {plan.studentName}
                      <Text size="sm">{plan.classLabel}</Text>
                    </Table.Td>
                    <Table.Td>{plan.schoolName}</Table.Td>
                    <Table.Td>
                      {plan.approvalLevel ? t(`plans.levels.${plan.approvalLevel}`) : t('common.none')}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      {plan.waitingHours === null ? t('common.none') : waitedLabel(t, plan.waitingHours)}
                    </Table.Td>
                    <Table.Td>
                      {plan.resubmitted ? (
                        <Badge color="violet.9" variant="outline" tt="none">
                          {t('approvals.resubmitted')}
                        </Badge>
                      ) : (
                        t('common.none')
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
          <CursorPagination
            pages={pages}
            pageSize={PAGE_SIZE}
            shown={queue.data?.items.length ?? 0}
            total={queue.data?.total ?? 0}
            totalAtLeast={queue.data?.totalAtLeast}
            nextCursor={queue.data?.nextCursor ?? null}
          />
          <Modal
            opened={confirming}
            onClose={() => setConfirming(false)}
            title={t('approvals.confirmTitle')}
            closeButtonProps={{ 'aria-label': t('common.close') }}
          >
            <Text>{t('approvals.confirmText', { count: ticked.length })}</Text>
            <List mb="lg" mt="xs">
              {items
                .filter((p) => ticked.includes(p.id))
                .map((p) => (
                  <List.Item key={p.id}>{`${p.code} (${p.studentName})`}</List.Item>
                ))}
            </List>
            <ErrorAlert error={approve.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(false)} data-autofocus>
                {t('common.cancel')}
              </Button>
              <Button loading={approve.isPending} onClick={approveTicked}>
                {t('approvals.confirmButton', { count: ticked.length })}
              </Button>
            </Group>
          </Modal>
        </>
      )}
    </>
  );
}
