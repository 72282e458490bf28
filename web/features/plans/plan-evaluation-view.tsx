import { List, Paper, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TPlan } from '../../../common/api/plans.ts';
import { measureTitle } from './plan-labels.ts';

/** The recorded semester evaluation: each measure carried out or not, progress, risks, continuation. */
export function PlanEvaluationView({ plan }: { plan: TPlan }) {
  const { t } = useTranslation();
  const evaluation = plan.evaluation;
  if (!evaluation) return null;
  const measures = new Map(plan.content.measures.map((m) => [m.id, m]));
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="plan-evaluation-title">
      <Title order={2} size="h3" id="plan-evaluation-title" mb="sm">
        {t('plans.evaluationTitle')}
      </Title>
      <List spacing="xs" mb="md">
        {evaluation.measures.map((m) => {
          const measure = measures.get(m.measureId);
          return (
            <List.Item key={m.measureId}>
              {`${measure ? measureTitle(t, measure) : t('plans.measure')}: ${t(`plans.carriedOut.${m.carriedOut}`)}`}
            </List.Item>
          );
        })}
      </List>
      <Text fw={700}>{t('plans.evaluateProgress')}</Text>
      <Text mb="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {evaluation.progress}
      </Text>
      <Text>
        <Text span fw={700}>
          {t('plans.evaluateRisks')}:
        </Text>{' '}
        {t(`plans.carriedOut.${evaluation.risksDecreased}`)}
      </Text>
      <Text>
        <Text span fw={700}>
          {t('plans.evaluateContinue')}:
        </Text>{' '}
        {evaluation.continueNextSemester ? t('common.yes') : t('common.no')}
      </Text>
    </Paper>
  );
}
