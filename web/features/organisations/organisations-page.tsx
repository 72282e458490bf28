import { Box, Button, Group, Table, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TOrganisation } from '../../../common/api/organisations.ts';
import { ActiveStatus } from '../../components/active-status.tsx';
import { LoadError, LoadingState, StatusMessage } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { OrganisationCreateModal } from './organisation-create-modal.tsx';
import { OrganisationEditModal } from './organisation-edit-modal.tsx';
import { buildOrganisationRows } from './organisation-tree.ts';
import { useOrganisations } from './use-organisations.ts';

/** The organisations of the caller's scope as an indented tree, with create and edit dialogs. */
export function OrganisationsPage() {
  const { t } = useTranslation();
  const organisations = useOrganisations();
  const [filter, setFilter] = useState('');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<TOrganisation | null>(null);
  const [status, setStatus] = useState<string | null>(null);

  const items = organisations.data ?? [];
  const rows = useMemo(() => buildOrganisationRows(organisations.data ?? []), [organisations.data]);
  const needle = filter.trim().toLocaleLowerCase('lv');
  const visible = needle
    ? rows.filter(({ organisation: o }) =>
        `${o.name} ${o.code ?? ''}`.toLocaleLowerCase('lv').includes(needle),
      )
    : rows;
  const editingParentType = items.find((o) => o.id === editing?.parentId)?.type;

  return (
    <>
      <PageHeading>{t('organisations.title')}</PageHeading>
      <Group justify="space-between" align="flex-end" mb="md">
        <TextInput
          label={t('organisations.filter')}
          type="search"
          value={filter}
          onChange={(event) => setFilter(event.currentTarget.value)}
          w={{ base: '100%', sm: 360 }}
        />
        {items.some((o) => o.can.create.length > 0) && (
          <Button onClick={() => setCreating(true)}>{t('organisations.create')}</Button>
        )}
      </Group>
      <StatusMessage message={status} />
      {organisations.isPending && <LoadingState />}
      {organisations.isError && (
        <LoadError error={organisations.error} onRetry={() => void organisations.refetch()} />
      )}
      {organisations.data && visible.length === 0 && (
        <Text>{rows.length === 0 ? t('organisations.empty') : t('organisations.noMatch')}</Text>
      )}
      {visible.length > 0 && (
        <TableScroll label={t('organisations.tableCaption')} minWidth={800}>
          <Table striped highlightOnHover>
            <caption>
              <VisuallyHidden>{t('organisations.tableCaption')}</VisuallyHidden>
            </caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('organisations.name')}</Table.Th>
                <Table.Th scope="col">{t('organisations.type')}</Table.Th>
                <Table.Th scope="col">{t('partnerKinds.column')}</Table.Th>
                <Table.Th scope="col">{t('organisations.code')}</Table.Th>
                <Table.Th scope="col">{t('organisations.parent')}</Table.Th>
                <Table.Th scope="col">{t('organisations.status')}</Table.Th>
                <Table.Th scope="col">{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {visible.map(({ organisation: o, depth, parentName }) => (
                <Table.Tr key={o.id}>
                  <Table.Td>
                    {/* Indentation shows the tree; the parent column says the same in words. */}
                    <Box pl={needle ? 0 : depth * 20} fw={depth === 0 ? 700 : 400}>
                      {o.name}
                    </Box>
                  </Table.Td>
                  <Table.Td>{t(`orgTypes.${o.type}`)}</Table.Td>
                  <Table.Td>
                    {o.schoolType
                      ? t(`schoolTypes.${o.schoolType}`)
                      : o.partnerKind
                        ? t(`partnerKinds.${o.partnerKind}`)
                        : t('common.none')}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{o.code || t('common.none')}</Table.Td>
                  <Table.Td>{parentName ?? t('common.none')}</Table.Td>
                  <Table.Td>
                    <ActiveStatus active={o.active} />
                  </Table.Td>
                  <Table.Td>
                    {o.can.edit && (
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={t('common.editItem', { name: o.name })}
                        onClick={() => {
                          setStatus(null);
                          setEditing(o);
                        }}
                      >
                        {t('common.edit')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
      <OrganisationCreateModal
        opened={creating}
        organisations={items}
        onClose={() => setCreating(false)}
        onCreated={() => {
          setCreating(false);
          setStatus(t('organisations.created'));
        }}
      />
      <OrganisationEditModal
        organisation={editing}
        parentType={editingParentType}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          setStatus(t('organisations.updated'));
        }}
      />
    </>
  );
}
