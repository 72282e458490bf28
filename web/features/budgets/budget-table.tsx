import { Button, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { TableScroll } from '../../components/table-scroll.tsx';
import { amountLabel, categoryLabel, remainingLabel } from './budget-labels.ts';
import type { TBudgetLine } from './use-budgets.ts';

type Props = {
  lines: TBudgetLine[];
  caption: string;
  /** Given when the user may allocate: opens the allocation dialog for a line. */
  onEdit?: (line: TBudgetLine) => void;
};

/**
 * A school's semester budget, one row per line: allocated, used and what is left. What is left is
 * also said in words when nothing was allocated or the use went beyond the allocation.
 */
export function BudgetTable({ lines, caption, onEdit }: Props) {
  const { t } = useTranslation();
  return (
    <TableScroll label={caption} minWidth={640}>
      <Table verticalSpacing="sm" striped>
        <caption>
          <VisuallyHidden>{caption}</VisuallyHidden>
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('budgets.category')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('budgets.allocated')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('budgets.used')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('budgets.remaining')}
            </Table.Th>
            {onEdit && (
              <Table.Th scope="col">
                <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((line) => {
            const name = categoryLabel(t, line.category);
            const short = line.remaining === null || line.remaining < 0;
            return (
              <Table.Tr key={line.category}>
                <Table.Th scope="row" fw={600}>
                  {name}
                </Table.Th>
                <Table.Td ta="right">
                  {line.allocated === null ? t('common.none') : amountLabel(line.category, line.allocated)}
                </Table.Td>
                <Table.Td ta="right">{amountLabel(line.category, line.used)}</Table.Td>
                <Table.Td ta="right">
                  <Text
                    span
                    fz="inherit"
                    fw={short ? 700 : 400}
                    c={line.remaining !== null && line.remaining < 0 ? 'red.9' : undefined}
                  >
                    {remainingLabel(t, line.category, line.remaining)}
                  </Text>
                </Table.Td>
                {onEdit && (
                  <Table.Td ta="right">
                    <Button
                      variant="default"
                      size="xs"
                      onClick={() => onEdit(line)}
                      aria-label={t('budgets.editLine', { category: name })}
                    >
                      {t('budgets.edit')}
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
