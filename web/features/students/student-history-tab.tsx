import { Paper, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TStudentDetail } from '../../../common/api/students.ts';
import { formatDate } from '../../../common/format.ts';
import { TableScroll } from '../../components/table-scroll.tsx';

/** The "History" tab: the student's moves between schools, newest first as the server sends them. */
export function StudentHistoryTab({ student }: { student: TStudentDetail }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="history-title">
      <Title order={2} size="h3" id="history-title" mb="md">
        {t('history.movesTitle')}
      </Title>
      {student.moves.length === 0 ? (
        <Text>{t('history.noMoves')}</Text>
      ) : (
        <TableScroll label={t('history.movesCaption')}>
          <Table striped maw={900}>
            <caption>
              <VisuallyHidden>{t('history.movesCaption')}</VisuallyHidden>
            </caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('history.movedOn')}</Table.Th>
                <Table.Th scope="col">{t('history.from')}</Table.Th>
                <Table.Th scope="col">{t('history.to')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {student.moves.map((move) => (
                <Table.Tr key={move.id}>
                  <Table.Td>{formatDate(move.movedOn)}</Table.Td>
                  <Table.Td>{move.fromSchoolName}</Table.Td>
                  <Table.Td>{move.toSchoolName}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Paper>
  );
}
