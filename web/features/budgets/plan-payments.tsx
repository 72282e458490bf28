import { Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanStatus, TPlan } from '../../../common/api/plans.ts';
import { LoadError, LoadingState, StatusMessage } from '../../components/feedback.tsx';
import { MeasurePayments } from './measure-payments.tsx';
import { PaymentForm } from './payment-form.tsx';
import { useBudget, usePayments } from './use-budgets.ts';

/** Statuses in which payments can have been recorded on a plan (new ones only while in progress). */
const PAYMENT_STATUSES: readonly PlanStatus[] = [
  'in_progress',
  'paused',
  'under_revision',
  'evaluated',
  'closed',
];

/**
 * "Maksājumi" on the plan page: for each economic measure, planned against paid, the school's
 * remaining budget of its category and the payments; while the plan is in progress, the school
 * records new ones. Nothing for plans without economic measures or not yet running.
 */
export function PlanPayments({ plan }: { plan: TPlan }) {
  const hasEconomic = plan.content.measures.some((m) => m.kind === 'economic');
  return hasEconomic && PAYMENT_STATUSES.includes(plan.status) ? <PaymentsSection plan={plan} /> : null;
}

function PaymentsSection({ plan }: { plan: TPlan }) {
  const { t } = useTranslation();
  const payments = usePayments(plan.id);
  // What the caller may do with the payments comes with them (`can`, from the server's gate).
  const can = payments.data?.can;
  const budget = useBudget(plan.schoolId, plan.semesterId, can?.viewBudget ?? false);
  const [message, setMessage] = useState<string | null>(null);
  const measures = plan.content.measures.filter((m) => m.kind === 'economic');

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="plan-payments-title">
      <Title order={2} size="h3" id="plan-payments-title" mb="xs">
        {t('payments.title')}
      </Title>
      <Text mb="md" maw={800}>
        {plan.status === 'in_progress' ? t('payments.intro') : t('payments.introClosed')}
      </Text>
      <StatusMessage message={message} />
      {payments.isPending ? (
        <LoadingState />
      ) : payments.isError ? (
        <LoadError error={payments.error} onRetry={() => void payments.refetch()} />
      ) : (
        <Stack gap="xl">
          {measures.map((measure) => (
            <MeasurePayments
              key={measure.id}
              planId={plan.id}
              canUploadScans={payments.data.can.attachScan}
              measure={measure}
              payments={payments.data.items.filter((p) => p.measureId === measure.id)}
              budgetLine={budget.data?.lines.find((line) => line.category === measure.economicCategory)}
            />
          ))}
          {payments.data.can.record && (
            <PaymentForm
              planId={plan.id}
              measures={measures}
              mayDecide={payments.data.can.decideOverCap}
              onRecorded={setMessage}
            />
          )}
        </Stack>
      )}
    </Paper>
  );
}
