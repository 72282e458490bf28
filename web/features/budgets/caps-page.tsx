import { Alert, Anchor, Button, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { BudgetCategory } from '../../../common/api/support.ts';
import { LoadError, LoadingState, StatusMessage } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { useCurrentUser } from '../auth/use-session.ts';
import { amountLabel, categoryLabel } from './budget-labels.ts';
import { CapEditModal } from './cap-edit-modal.tsx';
import { useCaps } from './use-budgets.ts';

type Cap = { category: BudgetCategory; amount: number | null };

/**
 * "Limiti vienam skolēnam": the most one student may receive in a semester per kind of support.
 * None are preset (the official amounts are in Cabinet Regulation No. 460); the national admin enters them.
 */
export function CapsPage() {
  const { t } = useTranslation();
  const canEdit = useCurrentUser().can.manageCaps;
  const caps = useCaps();
  const [editing, setEditing] = useState<Cap | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const noneSet = caps.data?.items.every((c) => c.amount === null) ?? false;

  return (
    <Stack gap="lg">
      <div>
        <Anchor component={Link} to="/budgets" mb="sm" display="inline-block">
          {t('caps.back')}
        </Anchor>
        <PageHeading>{t('caps.title')}</PageHeading>
        <Text maw={800}>{t('caps.intro')}</Text>
      </div>
      <Alert color="blue" variant="outline" maw={800} title={t('caps.regulationTitle')}>
        {t('caps.regulation')}
      </Alert>
      <StatusMessage message={message} />
      {caps.isPending ? (
        <LoadingState />
      ) : caps.isError ? (
        <LoadError error={caps.error} onRetry={() => void caps.refetch()} />
      ) : (
        <Paper withBorder p="lg" maw={800}>
          {noneSet && <Text mb="sm">{t('caps.noneSet')}</Text>}
          <Table verticalSpacing="sm" striped>
            <caption>
              <VisuallyHidden>{t('caps.caption')}</VisuallyHidden>
            </caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('budgets.category')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('caps.amount')}
                </Table.Th>
                {canEdit && (
                  <Table.Th scope="col">
                    <VisuallyHidden>{t('common.actions')}</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {caps.data.items.map((cap) => {
                const name = categoryLabel(t, cap.category);
                return (
                  <Table.Tr key={cap.category}>
                    <Table.Th scope="row" fw={600}>
                      {name}
                    </Table.Th>
                    <Table.Td ta="right">
                      {cap.amount === null ? t('caps.noCap') : amountLabel(cap.category, cap.amount)}
                    </Table.Td>
                    {canEdit && (
                      <Table.Td ta="right">
                        <Button
                          variant="default"
                          size="xs"
                          onClick={() => {
                            setMessage(null);
                            setEditing(cap);
                          }}
                          aria-label={t('caps.editLine', { category: name })}
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
          <Text size="sm" mt="sm">
            {canEdit ? t('caps.hintEdit') : t('caps.hintView')}
          </Text>
        </Paper>
      )}
      <CapEditModal
        cap={editing}
        onClose={() => setEditing(null)}
        onSaved={(text) => {
          setEditing(null);
          setMessage(text);
        }}
      />
    </Stack>
  );
}
