import { List, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TPlan } from '../../../common/api/plans.ts';
import { TableScroll } from '../../components/table-scroll.tsx';
import { measurePlanned, measureTitle, returnMeasureComments, riskLabel } from './plan-labels.ts';
import { useStaffNames } from './plan-options.ts';
import { PlanTotals } from './plan-totals.tsx';

/** The plan's content to read: risks, goals, measures with their risks and justification, supervisor, totals. */
export function PlanView({ plan }: { plan: TPlan }) {
  const { t } = useTranslation();
  const names = useStaffNames(plan.schoolId);
  const comments = useMemo(() => returnMeasureComments(plan), [plan]);
  const riskById = new Map(plan.risks.map((r) => [r.id, r]));
  const person = (id: string | null) =>
    id ? (names.get(id) ?? plan.peopleNames[id] ?? t('plans.staffHidden')) : t('common.none');
  const { content } = plan;

  return (
    <Stack gap="xl">
      <Paper withBorder p="lg" component="section" aria-labelledby="plan-view-risks">
        <Title order={2} size="h3" id="plan-view-risks" mb="sm">
          {t('plans.risksTitle')}
        </Title>
        {plan.risks.length === 0 ? (
          <Text>{t('common.none')}</Text>
        ) : (
          <List spacing="xs">
            {plan.risks.map((risk) => (
              <List.Item key={risk.id}>
                <Text span fw={600}>
                  {riskLabel(t, risk)}
                </Text>
                {risk.justification && <Text size="sm">{risk.justification}</Text>}
              </List.Item>
            ))}
          </List>
        )}
      </Paper>
      <Paper withBorder p="lg" component="section" aria-labelledby="plan-view-goals">
        <Title order={2} size="h3" id="plan-view-goals" mb="sm">
          {t('plans.goalsTitle')}
        </Title>
        {content.goals.length === 0 ? (
          <Text>{t('common.none')}</Text>
        ) : (
          <List type="ordered" spacing="xs">
            {content.goals.map((goal) => (
              <List.Item key={goal.id}>
                {goal.text}
                {goal.criterion && (
                  <Text size="sm">{t('plans.goalCriterionValue', { criterion: goal.criterion })}</Text>
                )}
              </List.Item>
            ))}
          </List>
        )}
      </Paper>
      <Paper withBorder p="lg" component="section" aria-labelledby="plan-view-measures">
        <Title order={2} size="h3" id="plan-view-measures" mb="sm">
          {t('plans.measuresTitle')}
        </Title>
        {content.measures.length === 0 ? (
          <Text>{t('common.none')}</Text>
        ) : (
          <TableScroll label={t('plans.measuresCaption')} minWidth={860}>
            <Table striped verticalSpacing="sm">
              <caption>
                <VisuallyHidden>{t('plans.measuresCaption')}</VisuallyHidden>
              </caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('plans.measure')}</Table.Th>
                  <Table.Th scope="col">{t('plans.planned')}</Table.Th>
                  <Table.Th scope="col">{t('plans.provider')}</Table.Th>
                  <Table.Th scope="col">{t('plans.measureRisks')}</Table.Th>
                  <Table.Th scope="col">{t('plans.justification')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {content.measures.map((measure) => (
                  <Table.Tr key={measure.id}>
                    <Table.Td>
                      <Text fz="inherit" fw={600}>
                        {measureTitle(t, measure)}
                      </Text>
                      {measure.description && <Text size="sm">{measure.description}</Text>}
                      {comments.has(measure.id) && (
                        <Text size="sm" mt={4} fw={700}>
                          {t('plans.measureReturnCommentValue', { comment: comments.get(measure.id) })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{measurePlanned(t, measure)}</Table.Td>
                    <Table.Td>
                      {measure.kind === 'economic' ? t('common.none') : person(measure.providerId)}
                    </Table.Td>
                    <Table.Td>
                      {measure.riskIds.map((id) => riskLabel(t, riskById.get(id))).join('; ')}
                    </Table.Td>
                    <Table.Td>{measure.justification}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
        <Text mt="md">
          <Text span fw={700}>
            {t('plans.supervisor')}:
          </Text>{' '}
          {person(content.supervisorId)}
        </Text>
      </Paper>
      <Paper withBorder p="lg" component="section" aria-label={t('plans.totalsTitle')}>
        <PlanTotals totals={plan.totals} />
      </Paper>
    </Stack>
  );
}
