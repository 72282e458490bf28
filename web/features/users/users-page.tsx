import { Anchor, Button, Group, Select, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ActiveStatus } from '../../components/active-status.tsx';
import { CursorPagination, useCursorPages } from '../../components/cursor-pagination.tsx';
import { LoadError, LoadingState } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { organisationSelectData } from '../organisations/organisation-tree.ts';
import { useOrganisations } from '../organisations/use-organisations.ts';
import { useUserList } from './use-users.ts';

const PAGE_SIZE = 25;

/** Search, filter and page through the users the caller manages; filters live in the address bar. */
export function UsersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const organisationId = params.get('organisationId');
  const [search, setSearch] = useState(q);
  const [debouncedSearch] = useDebouncedValue(search, 300);
  const organisations = useOrganisations();
  const pages = useCursorPages(JSON.stringify([q, organisationId]));
  const users = useUserList({ q, organisationId, cursor: pages.cursor, pageSize: PAGE_SIZE });

  function update(changes: Record<string, string | null>) {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: only the typed text should trigger a new search
  useEffect(() => {
    // A new search starts on the first page; skip while the address already matches.
    if (debouncedSearch.trim() !== q) update({ q: debouncedSearch.trim() || null, page: null });
  }, [debouncedSearch]);

  return (
    <>
      <PageHeading>{t('users.title')}</PageHeading>
      <Group justify="space-between" align="flex-end" mb="md">
        <Group align="flex-end">
          <TextInput
            label={t('users.search')}
            type="search"
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            w={{ base: '100%', sm: 280 }}
          />
          <Select
            label={t('users.organisation')}
            placeholder={t('users.allOrganisations')}
            searchable
            clearable
            clearButtonProps={{ 'aria-label': t('common.clear') }}
            data={organisationSelectData(organisations.data ?? [], (type) => t(`orgTypes.${type}`))}
            value={organisationId}
            onChange={(value) => update({ organisationId: value, page: null })}
            nothingFoundMessage={t('organisations.noMatch')}
            w={{ base: '100%', sm: 320 }}
          />
        </Group>
        <Button component={Link} to="/users/new">
          {t('users.new')}
        </Button>
      </Group>
      {users.isPending && <LoadingState />}
      {users.isError && <LoadError error={users.error} onRetry={() => void users.refetch()} />}
      {users.data && users.data.items.length === 0 && <Text>{t('users.empty')}</Text>}
      {users.data && users.data.items.length > 0 && (
        <>
          <TableScroll label={t('users.tableCaption')} minWidth={760}>
            <Table striped highlightOnHover aria-busy={users.isFetching}>
              <caption>
                <VisuallyHidden>{t('users.tableCaption')}</VisuallyHidden>
              </caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('users.name')}</Table.Th>
                  <Table.Th scope="col">{t('users.email')}</Table.Th>
                  <Table.Th scope="col">{t('users.homeOrganisation')}</Table.Th>
                  <Table.Th scope="col">{t('users.roles')}</Table.Th>
                  <Table.Th scope="col">{t('users.status')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {users.data.items.map((user) => (
                  <Table.Tr key={user.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/users/${user.id}`}>
                        {user.firstName} {user.lastName}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{user.email}</Table.Td>
                    <Table.Td>{user.homeOrganisationName}</Table.Td>
                    <Table.Td>
                      {user.roles.length > 0
                        ? [...new Set(user.roles)].map((role) => t(`roles.${role}`)).join(', ')
                        : t('common.none')}
                    </Table.Td>
                    <Table.Td>
                      <ActiveStatus active={user.active} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
          <CursorPagination
            pages={pages}
            pageSize={PAGE_SIZE}
            shown={users.data.items.length}
            total={users.data.total}
            nextCursor={users.data.nextCursor}
          />
        </>
      )}
    </>
  );
}
