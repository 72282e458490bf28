import { Anchor, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CHILD_INDICATORS, type TReportIndicators } from '../../../common/api/reports.ts';
import { TableScroll } from '../../components/table-scroll.tsx';
import { ReportCell } from './report-cell.tsx';
import { dashboardHref } from './report-format.ts';

/**
 * The organisations one level down (the nation's municipalities and state schools, a municipality's
 * schools) with the headline figures; each name opens its own dashboard, the total row is the
 * organisation's own figures.
 */
export function ChildrenTable({ report, caption }: { report: TReportIndicators; caption: string }) {
  const { t } = useTranslation();
  return (
    <TableScroll label={caption} minWidth={720}>
      <Table striped highlightOnHover>
        <Table.Caption style={{ captionSide: 'top', textAlign: 'left' }}>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('reports.organisation')}</Table.Th>
            {CHILD_INDICATORS.map((code) => (
              <Table.Th scope="col" key={code} ta="right">
                {t(`reports.indicators.${code}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.children.map((child) => (
            <Table.Tr key={child.org.id}>
              <Table.Th scope="row" fw={400}>
                <Anchor component={Link} to={dashboardHref(child.org.id, report.period.code)}>
                  {child.org.name}
                </Anchor>
              </Table.Th>
              {CHILD_INDICATORS.map((code) => (
                <Table.Td key={code} ta="right">
                  <ReportCell code={code} cell={child.cells.find((c) => c.key === code)} />
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th scope="row">{t('reports.totalOf', { name: report.org.name })}</Table.Th>
            {CHILD_INDICATORS.map((code) => (
              <Table.Td key={code} ta="right" fw={700}>
                <ReportCell code={code} cell={report.childrenTotal.find((c) => c.key === code)} />
              </Table.Td>
            ))}
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </TableScroll>
  );
}
