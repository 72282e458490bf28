import { Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { TAuditEvent } from '../../../common/api/audit.ts';
import { formatDateTime } from '../../../common/format.ts';
import { CursorPagination, useCursorPages } from '../../components/cursor-pagination.tsx';
import { LoadError, LoadingState } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { translateCode } from '../../i18n/index.ts';
import { AuditFilterForm } from './audit-filters.tsx';
import { type AuditFilters, useAuditEvents } from './use-audit.ts';

const PAGE_SIZE = 50;
const OUTCOMES = new Set(['ok', 'denied', 'failed']);

function filtersFrom(params: URLSearchParams): AuditFilters {
  const outcome = params.get('outcome');
  return {
    action: params.get('action'),
    entityType: params.get('entityType'),
    outcome: outcome && OUTCOMES.has(outcome) ? (outcome as TAuditEvent['outcome']) : null,
    from: params.get('from'),
    to: params.get('to'),
  };
}

/** The audit log with filters (kept in the address bar) and one page of events at a time. */
export function AuditPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const pages = useCursorPages(JSON.stringify(filters));
  const events = useAuditEvents(filters, pages.cursor, PAGE_SIZE);

  function show(next: AuditFilters) {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(next)) if (value) search.set(key, value);
    setParams(search, { replace: true });
  }

  return (
    <>
      <PageHeading>{t('audit.title')}</PageHeading>
      <AuditFilterForm
        key={params.toString() === '' ? 'empty' : 'set'}
        value={filters}
        onApply={(next) => show(next)}
      />
      {events.isPending && <LoadingState />}
      {events.isError && <LoadError error={events.error} onRetry={() => void events.refetch()} />}
      {events.data && events.data.items.length === 0 && <Text>{t('audit.empty')}</Text>}
      {events.data && events.data.items.length > 0 && (
        <>
          <TableScroll label={t('audit.tableCaption')} minWidth={960}>
            <Table striped aria-busy={events.isFetching}>
              <caption>
                <VisuallyHidden>{t('audit.tableCaption')}</VisuallyHidden>
              </caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('audit.time')}</Table.Th>
                  <Table.Th scope="col">{t('audit.actor')}</Table.Th>
                  <Table.Th scope="col">{t('audit.action')}</Table.Th>
                  <Table.Th scope="col">{t('audit.outcome')}</Table.Th>
                  <Table.Th scope="col">{t('audit.entity')}</Table.Th>
                  <Table.Th scope="col">{t('audit.organisation')}</Table.Th>
                  <Table.Th scope="col">{t('audit.ip')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {events.data.items.map((event) => (
                  <AuditRow key={event.id} event={event} />
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
          <CursorPagination
            pages={pages}
            pageSize={PAGE_SIZE}
            shown={events.data.items.length}
            total={events.data.total}
            nextCursor={events.data.nextCursor}
          />
        </>
      )}
    </>
  );
}

function AuditRow({ event }: { event: TAuditEvent }) {
  const { t } = useTranslation();
  const none = t('common.none');
  const type = translateCode('entityTypes', event.entityType);
  // A label (student's name, plan's code) when the caller may see it; else the id or its pseudonym.
  const pseudonym = event.entityId?.startsWith('#') ?? false;
  const entity = [type, event.entityLabel ?? event.entityId].filter(Boolean).join(': ');
  return (
    <Table.Tr>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.at)}</Table.Td>
      <Table.Td>{event.actorEmail ?? t('audit.system')}</Table.Td>
      <Table.Td>
        <span title={event.action}>{translateCode('auditActions', event.action)}</span>
      </Table.Td>
      <Table.Td>{t(`outcomes.${event.outcome}`)}</Table.Td>
      <Table.Td style={{ wordBreak: 'break-all' }}>
        <span title={pseudonym ? t('audit.pseudonymHint') : (event.entityId ?? undefined)}>
          {entity || none}
        </span>
      </Table.Td>
      <Table.Td>{event.organisationName ?? none}</Table.Td>
      <Table.Td>{event.ip ?? none}</Table.Td>
    </Table.Tr>
  );
}
