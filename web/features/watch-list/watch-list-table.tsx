import { Anchor, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TWatchListItem } from '../../../common/api/ejournal.ts';
import { TableScroll } from '../../components/table-scroll.tsx';
import { levelLabel } from '../students/student-labels.ts';
import { FlagList } from './flag-list.tsx';
import { LegalDutyText } from './legal-duty-text.tsx';
import { RiskRankCell } from './risk-rank-cell.tsx';
import type { RiskRanksView } from './use-risk-ranks.ts';
import { WatchListRowActions } from './watch-list-row-actions.tsx';

type Props = {
  items: TWatchListItem[];
  showSchool: boolean;
  busy: boolean;
  semesterId: string;
  /** The advisory risk score's ranks (issue 15); the column is left out when not given. */
  ranks?: RiskRanksView;
};

/**
 * The flagged students: name (to the profile's risks), class, flags with reasons, the advisory rank in
 * the school with what raises it, assessment and the notice.
 */
export function WatchListTable({ items, showSchool, busy, semesterId, ranks }: Props) {
  const { t } = useTranslation();
  return (
    <TableScroll label={t('watchList.tableCaption')} minWidth={ranks ? 1400 : 900}>
      <Table striped aria-busy={busy} verticalSpacing="sm">
        <caption>
          <VisuallyHidden>{t('watchList.tableCaption')}</VisuallyHidden>
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('watchList.student')}</Table.Th>
            <Table.Th scope="col">{t('students.classLabel')}</Table.Th>
            {showSchool && <Table.Th scope="col">{t('students.school')}</Table.Th>}
            <Table.Th scope="col">{t('watchList.flagsColumn')}</Table.Th>
            {ranks && <Table.Th scope="col">{t('riskScore.column')}</Table.Th>}
            <Table.Th scope="col">{t('watchList.assessed')}</Table.Th>
            <Table.Th scope="col">{t('watchList.planColumn')}</Table.Th>
            <Table.Th scope="col">{t('watchList.legalDuty')}</Table.Th>
            <Table.Th scope="col">{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((item) => (
            <Table.Tr key={item.studentId}>
              <Table.Th scope="row" fw={400} style={{ whiteSpace: 'nowrap' }}>
                <Anchor component={Link} to={`/students/${item.studentId}?tab=risks`} fw={500}>
                  {`${item.lastName} ${item.firstName}`}
                </Anchor>
              </Table.Th>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {item.classLabel}
                <Text fz="sm" c="dimmed">
                  {levelLabel(t, item)}
                </Text>
              </Table.Td>
              {showSchool && <Table.Td>{item.schoolName}</Table.Td>}
              <Table.Td>
                <FlagList flags={item.flags} />
              </Table.Td>
              {ranks && (
                <Table.Td miw={170} maw={260}>
                  <RiskRankCell rank={ranks.byStudent.get(item.studentId)} />
                </Table.Td>
              )}
              <Table.Td>
                <Text span fz="inherit" fw={item.assessed ? 400 : 700}>
                  {item.assessed ? t('watchList.assessedYes') : t('watchList.assessedNo')}
                </Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {/* The profile's plans tab (its row gives the link's context): the plan, or "Izveidot plānu" for whoever may create one. */}
                <Anchor
                  component={Link}
                  to={`/students/${item.studentId}?tab=plans`}
                  fw={item.planStatus ? 400 : 700}
                >
                  {item.planStatus ? t(`plans.statuses.${item.planStatus}`) : t('watchList.noPlan')}
                </Anchor>
              </Table.Td>
              <Table.Td maw={260}>
                <LegalDutyText duty={item.legalDuty} />
              </Table.Td>
              <Table.Td>
                <WatchListRowActions item={item} semesterId={semesterId} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </TableScroll>
  );
}
