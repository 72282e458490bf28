import { Checkbox, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TImportRow } from '../../../common/api/imports.ts';
import { TableScroll } from '../../components/table-scroll.tsx';

type Props = {
  rows: TImportRow[];
  excluded: ReadonlySet<number>;
  disabled: boolean;
  onToggle: (rowNumber: number, exclude: boolean) => void;
};

/** Rows with errors and excluded rows first (so a row stays in place when excluded), then file order. */
function ordered(rows: TImportRow[]): TImportRow[] {
  const rank = (row: TImportRow) => (row.status === 'error' || row.status === 'excluded' ? 0 : 1);
  return [...rows].sort((a, b) => rank(a) - rank(b) || a.rowNumber - b.rowNumber);
}

/** The rows of the preview: status in words, masked code, name, class and what is wrong or changed. */
export function ImportPreviewTable({ rows, excluded, disabled, onToggle }: Props) {
  const { t } = useTranslation();
  return (
    <TableScroll label={t('imports.rowsCaption')} minWidth={860}>
      <Table striped>
        <caption>
          <VisuallyHidden>{t('imports.rowsCaption')}</VisuallyHidden>
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('imports.exclude')}</Table.Th>
            <Table.Th scope="col">{t('imports.rowNumber')}</Table.Th>
            <Table.Th scope="col">{t('imports.rowStatus')}</Table.Th>
            <Table.Th scope="col">{t('importFields.personalCode')}</Table.Th>
            <Table.Th scope="col">{t('students.name')}</Table.Th>
            <Table.Th scope="col">{t('importFields.classLabel')}</Table.Th>
            <Table.Th scope="col">{t('imports.rowDetails')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ordered(rows).map((row) => {
            const canExclude = row.status === 'error' || excluded.has(row.rowNumber);
            const name = [row.lastName, row.firstName].filter(Boolean).join(' ');
            return (
              <Table.Tr key={row.rowNumber}>
                <Table.Td>
                  {canExclude && (
                    <Checkbox
                      aria-label={t('imports.excludeRow', { row: row.rowNumber })}
                      checked={excluded.has(row.rowNumber)}
                      disabled={disabled}
                      onChange={(event) => onToggle(row.rowNumber, event.currentTarget.checked)}
                    />
                  )}
                </Table.Td>
                <Table.Td>{row.rowNumber}</Table.Td>
                <Table.Td>
                  <Text span fz="inherit" fw={row.status === 'error' ? 700 : 400}>
                    {t(`importRowStatuses.${row.status}`)}
                  </Text>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {row.personalCodeMasked ?? t('common.none')}
                </Table.Td>
                <Table.Td>{name || t('common.none')}</Table.Td>
                <Table.Td>{row.classLabel ?? t('common.none')}</Table.Td>
                <Table.Td>
                  {row.errors.map((error) => (
                    <Text key={`${error.field}-${error.code}`} fz="inherit" c="red.9">
                      {`${t(`importFields.${error.field}`, { defaultValue: error.field })}: ${error.message}`}
                    </Text>
                  ))}
                  {row.changedFields.length > 0 && (
                    <Text fz="inherit">
                      {t('imports.changedFields', {
                        fields: row.changedFields
                          .map((field) => t(`importFields.${field}`, { defaultValue: field }))
                          .join(', '),
                      })}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
