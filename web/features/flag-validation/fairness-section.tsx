import { Alert, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFairnessDimension } from '../../../common/api/flag-validation.ts';
import { TableScroll } from '../../components/table-scroll.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { formatNumber } from '../reports/report-format.ts';
import { formatEstimate } from './format.ts';

/** The flag set's flag rate, precision and recall by group, and the recall-gap warning. */
export function FairnessTable({
  dimension,
  name,
}: {
  dimension: TFairnessDimension;
  name: 'gender' | 'gradeBand';
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const caption = t(`flagValidation.fairness.${name}`);
  const group = (g: string) => t(`flagValidation.fairness.groups.${g}`);
  return (
    <Stack gap="xs">
      {dimension.warning && (
        <Alert color="orange" title={t('flagValidation.fairness.warningTitle', { name: caption })}>
          {t('flagValidation.fairness.warning', {
            high: group(dimension.warning.high),
            low: group(dimension.warning.low),
            gap: formatNumber(dimension.warning.gap * 100, lang, 0),
          })}
        </Alert>
      )}
      <TableScroll label={caption} minWidth={760}>
        <Table striped>
          <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('flagValidation.fairness.group')}</Table.Th>
              {['students', 'flagged', 'flagRate', 'atRisk', 'precision', 'recall'].map((k) => (
                <Table.Th scope="col" key={k} ta="right">
                  {t(`flagValidation.fairness.cols.${k}`)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {dimension.groups.map((g) => (
              <Table.Tr key={g.group}>
                <Table.Th scope="row" fw={400}>
                  {group(g.group)}
                </Table.Th>
                <Table.Td ta="right">{g.students}</Table.Td>
                <Table.Td ta="right">{g.flagged}</Table.Td>
                <Table.Td ta="right">{formatEstimate(g.flagRate, lang)}</Table.Td>
                <Table.Td ta="right">{g.atRisk}</Table.Td>
                <Table.Td ta="right">{formatEstimate(g.precision, lang)}</Table.Td>
                <Table.Td ta="right">{formatEstimate(g.recall, lang)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TableScroll>
      {!dimension.warning && <Text fz="sm">{t('flagValidation.fairness.noWarning')}</Text>}
    </Stack>
  );
}
