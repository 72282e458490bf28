import { Anchor, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TableScroll } from '../../components/table-scroll.tsx';
import { hoursSince, waitedLabel } from './plan-labels.ts';
import { PlanStatusBadge } from './plan-status.tsx';
import type { TPlanSummary } from './use-plans.ts';

type Props = { plans: TPlanSummary[]; caption: string; showStudent: boolean };

/** Plans in a table: the code links to the plan; status in words with the level and how long it has waited. */
export function PlanTable({ plans, caption, showStudent }: Props) {
  const { t } = useTranslation();
  return (
    <TableScroll label={caption} minWidth={showStudent ? 900 : 600}>
      <Table striped>
        <caption>
          <VisuallyHidden>{caption}</VisuallyHidden>
        </caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('plans.code')}</Table.Th>
            {showStudent && <Table.Th scope="col">{t('plans.student')}</Table.Th>}
            {showStudent && <Table.Th scope="col">{t('plans.classLabel')}</Table.Th>}
            {showStudent && <Table.Th scope="col">{t('plans.school')}</Table.Th>}
            <Table.Th scope="col">{t('plans.semester')}</Table.Th>
            <Table.Th scope="col">{t('plans.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plans.map((plan) => {
            const waited = plan.status === 'in_approval' ? hoursSince(plan.waitingSince) : null;
            return (
              <Table.Tr key={plan.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Anchor component={Link} to={`/plans/${plan.id}`} fw={600}>
                    {plan.code}
                  </Anchor>
                </Table.Td>
                {showStudent && (
                  <Table.Td>
                    <Anchor component={Link} to={`/students/${plan.studentId}`}>
                      {plan.studentName}
                    </Anchor>
                  </Table.Td>
                )}
                {showStudent && <Table.Td>{plan.classLabel}</Table.Td>}
                {showStudent && <Table.Td>{plan.schoolName}</Table.Td>}
                <Table.Td>{plan.semesterLabel}</Table.Td>
                <Table.Td>
                  <PlanStatusBadge status={plan.status} level={plan.approvalLevel} />
                  {waited !== null && (
                    <Text size="sm" mt={4}>
                      {t('plans.waiting', { time: waitedLabel(t, waited) })}
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
