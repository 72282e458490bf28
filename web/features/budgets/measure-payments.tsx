import { Box, Progress, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TMeasure } from '../../../common/api/plans.ts';
import { formatDate } from '../../../common/format.ts';
import { TableScroll } from '../../components/table-scroll.tsx';
import { measureTitle } from '../plans/plan-labels.ts';
import { categoryLabel, euro, remainingLabel } from './budget-labels.ts';
import { PaymentScan } from './payment-scan.tsx';
import type { TBudgetLine, TPayment } from './use-budgets.ts';

type Props = {
  planId: string;
  /** Whether the caller may attach receipt scans (the school's director or coordinator). */
  canUploadScans: boolean;
  measure: TMeasure;
  payments: TPayment[];
  /** The school's budget line of the measure's category; undefined when the user does not see budgets. */
  budgetLine: TBudgetLine | undefined;
};

function Fact({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <div>
      <Text component="dt" size="sm">
        {label}
      </Text>
      <Text component="dd" m={0} fw={strong ? 700 : 600}>
        {value}
      </Text>
    </div>
  );
}

/**
 * One economic measure: planned against paid (and what is left of the plan), the school's remaining
 * budget for the measure's category, and the payments recorded against it.
 */
export function MeasurePayments({ planId, canUploadScans, measure, payments, budgetLine }: Props) {
  const { t, i18n } = useTranslation();
  const planned = measure.plannedCents ?? 0;
  const spent = payments.reduce((sum, p) => sum + p.amountCents, 0);
  const left = planned - spent;
  const title = measureTitle(t, measure);
  const category = measure.economicCategory ?? 'transport';

  return (
    <Box component="section" aria-label={title}>
      <Title order={3} size="h4" mb="xs">
        {title}
      </Title>
      <Box
        component="dl"
        display="flex"
        style={{ flexWrap: 'wrap', columnGap: '2.5rem', rowGap: '0.5rem' }}
        m={0}
      >
        <Fact label={t('payments.planned')} value={euro(planned)} />
        <Fact label={t('payments.spent')} value={euro(spent)} />
        <Fact
          label={t('payments.leftInPlan')}
          value={left < 0 ? t('budgets.exceededBy', { amount: euro(-left) }) : euro(left)}
          strong={left < 0}
        />
        {budgetLine && (
          <Fact
            label={t('payments.schoolRemaining', {
              category: categoryLabel(t, category).toLocaleLowerCase(i18n.language),
            })}
            value={remainingLabel(t, category, budgetLine.remaining)}
            strong={budgetLine.remaining === null || budgetLine.remaining < 0}
          />
        )}
      </Box>
      <Progress
        value={planned > 0 ? Math.min(100, (spent / planned) * 100) : 0}
        size="sm"
        color={left < 0 ? 'orange.8' : undefined}
        maw={480}
        my="sm"
        aria-hidden="true"
      />
      {payments.length === 0 ? (
        <Text>{t('payments.none')}</Text>
      ) : (
        <TableScroll label={t('payments.caption', { measure: title })} minWidth={640}>
          <Table verticalSpacing="xs" striped>
            <caption>
              <VisuallyHidden>{t('payments.caption', { measure: title })}</VisuallyHidden>
            </caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('payments.date')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('payments.amount')}
                </Table.Th>
                <Table.Th scope="col">{t('payments.recipient')}</Table.Th>
                <Table.Th scope="col">{t('payments.documentRef')}</Table.Th>
                <Table.Th scope="col">{t('payments.overCapReason')}</Table.Th>
                <Table.Th scope="col">{t('payments.scan')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {payments.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>{formatDate(p.onDate)}</Table.Td>
                  <Table.Td ta="right">{euro(p.amountCents)}</Table.Td>
                  <Table.Td>{p.recipient}</Table.Td>
                  <Table.Td>{p.documentRef}</Table.Td>
                  <Table.Td>{p.overCapReason ?? t('common.none')}</Table.Td>
                  <Table.Td>
                    <PaymentScan planId={planId} payment={p} canUpload={canUploadScans} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </TableScroll>
      )}
    </Box>
  );
}
