import { Anchor, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { TStudentSummary } from '../../../common/api/students.ts';
import { SortableHeader } from '../../components/sortable-header.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { levelLabel } from './student-labels.ts';
import type { StudentListParams } from './use-students.ts';

type Sort = StudentListParams['sort'];

type Props = {
  items: TStudentSummary[];
  sort: Sort;
  dir: 'asc' | 'desc';
  showSchool: boolean;
  /** Sorting by personal code is offered only to those who may reveal every code in the list. */
  codeSortable: boolean;
  busy: boolean;
  onSort: (sort: Sort, dir: 'asc' | 'desc') => void;
};

/** The student list: the name links to the profile (a click anywhere on the row does the same). */
export function StudentTable({ items, sort, dir, showSchool, codeSortable, busy, onSort }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const header = (label: string, column: Sort) => (
    <SortableHeader label={label} column={column} sort={sort} dir={dir} onSort={onSort} />
  );
  return (
    <TableScroll label={t('students.tableCaption')} minWidth={820}>
      <Table striped highlightOnHover aria-busy={busy}>
        <caption>
          <VisuallyHidden>{t('students.tableCaption')}</VisuallyHidden>
        </caption>
        <Table.Thead>
          <Table.Tr>
            {header(t('students.name'), 'name')}
            {codeSortable ? (
              header(t('students.personalCode'), 'code')
            ) : (
              <Table.Th scope="col">{t('students.personalCode')}</Table.Th>
            )}
            {header(t('students.classLabel'), 'class')}
            {header(t('students.level'), 'grade')}
            {showSchool && <Table.Th scope="col">{t('students.school')}</Table.Th>}
            <Table.Th scope="col">{t('students.status')}</Table.Th>
            <Table.Th scope="col">{t('students.application')}</Table.Th>
            <Table.Th scope="col">{t('pins.column')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((student) => (
            <Table.Tr
              key={student.id}
              style={{ cursor: 'pointer' }}
              onClick={(event) => {
                // The link handles its own clicks (and middle-clicks, new tabs); elsewhere the row opens it.
                if (!(event.target as HTMLElement).closest('a')) navigate(`/students/${student.id}`);
              }}
            >
              <Table.Td>
                <Anchor component={Link} to={`/students/${student.id}`} fw={500}>
                  {`${student.lastName} ${student.firstName}`}
                </Anchor>
              </Table.Td>
              <Table.Td style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                {student.personalCodeMasked}
              </Table.Td>
              <Table.Td>{student.classLabel}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{levelLabel(t, student)}</Table.Td>
              {showSchool && <Table.Td>{student.schoolName}</Table.Td>}
              <Table.Td>{t(`studentStatuses.${student.status}`)}</Table.Td>
              <Table.Td>
                <Text span fz="inherit" fw={student.applicationInForce ? 400 : 700}>
                  {student.applicationInForce ? t('students.applicationYes') : t('students.applicationNo')}
                </Text>
              </Table.Td>
              <Table.Td data-testid="pin-status">
                <Text span fz="inherit" fw={student.hasPin ? 400 : 700}>
                  {student.hasPin ? t('pins.has') : t('pins.none')}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
