import { Table, UnstyledButton } from '@mantine/core';

type Props<TSort extends string> = {
  label: string;
  column: TSort;
  sort: TSort;
  dir: 'asc' | 'desc';
  onSort: (column: TSort, dir: 'asc' | 'desc') => void;
};

/**
 * A column header that sorts the table: a button inside the `<th>`, with `aria-sort` on the header
 * so the order is announced, and an arrow drawn for sighted users (hidden from screen readers).
 */
export function SortableHeader<TSort extends string>({ label, column, sort, dir, onSort }: Props<TSort>) {
  const active = sort === column;
  const next = active && dir === 'asc' ? 'desc' : 'asc';
  return (
    <Table.Th scope="col" aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <UnstyledButton
        onClick={() => onSort(column, next)}
        fw={700}
        fz="inherit"
        style={{ display: 'inline-flex', gap: 6, alignItems: 'center', textDecoration: 'underline dotted' }}
      >
        {label}
        <span aria-hidden="true">{active ? (dir === 'asc' ? '▲' : '▼') : '↕'}</span>
      </UnstyledButton>
    </Table.Th>
  );
}
