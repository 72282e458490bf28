import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFlagPoint, TFlagValidationFlag } from '../../../common/api/flag-validation.ts';
import { TableScroll } from '../../components/table-scroll.tsx';
import { currentLanguage } from '../../i18n/index.ts';
import { formatEstimate, formatThreshold } from './format.ts';

/** Each flag at the threshold in force: counts among known outcomes and the proportions with CIs. */
export function FlagTable({ flags }: { flags: TFlagValidationFlag[] }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const caption = t('flagValidation.flagsTitle');
  return (
    <TableScroll label={caption} minWidth={1100}>
      <Table striped>
        <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('flagValidation.flag')}</Table.Th>
            <Table.Th scope="col">{t('flagValidation.status')}</Table.Th>
            <Table.Th scope="col">{t('flagValidation.threshold')}</Table.Th>
            <PointHeads />
            <Table.Th scope="col">{t('flagValidation.suggested')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {flags.map((f) => (
            <Table.Tr key={f.key}>
              <Table.Th scope="row" fw={400}>
                {t(`flagValidation.flags.${f.key}`)}
              </Table.Th>
              <Table.Td>{t(`flagValidation.enabled.${f.enabled}`)}</Table.Td>
              <Table.Td>
                {f.threshold === null ? t('flagValidation.mixed') : formatThreshold(f.key, f.threshold, lang)}
              </Table.Td>
              <PointCells point={f.current} />
              <Table.Td>
                {f.suggested ? formatThreshold(f.key, f.suggested.threshold, lang) : t('flagValidation.none')}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}

/** The column heads of a judged rule. */
export function PointHeads() {
  const { t } = useTranslation();
  return (
    <>
      {['flagged', 'tp', 'fp', 'fn', 'tn', 'precision', 'recall', 'specificity', 'accuracy'].map((k) => (
        <Table.Th scope="col" key={k} ta="right">
          {t(`flagValidation.cols.${k}`)}
        </Table.Th>
      ))}
    </>
  );
}

/** The cells of a judged rule, in PointHeads' order. */
export function PointCells({ point }: { point: TFlagPoint }) {
  const lang = currentLanguage();
  return (
    <>
      {[point.flagged, point.tp, point.fp, point.fn, point.tn].map((n, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
        <Table.Td key={i} ta="right">
          {n}
        </Table.Td>
      ))}
      {[point.precision, point.recall, point.specificity, point.accuracy].map((e, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
        <Table.Td key={`e${i}`} ta="right" style={{ whiteSpace: 'nowrap' }}>
          {formatEstimate(e, lang)}
        </Table.Td>
      ))}
    </>
  );
}
