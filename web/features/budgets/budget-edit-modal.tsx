import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/feedback.tsx';
import { AmountField } from './amount-field.tsx';
import { amountInput, amountLabel, categoryLabel, isHours, parseAmount } from './budget-labels.ts';
import { type TBudgetLine, useSaveBudget } from './use-budgets.ts';

type Props = {
  schoolId: string;
  semesterId: string;
  /** The line being changed; null keeps the dialog closed. */
  line: TBudgetLine | null;
  onClose: () => void;
  onSaved: (message: string) => void;
};

/** A dialog to allocate one line of a school's semester budget (hours or euros). */
export function BudgetEditModal({ schoolId, semesterId, line, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={line !== null}
      onClose={onClose}
      title={line ? t('budgets.editTitle', { category: categoryLabel(t, line.category) }) : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {line && (
        <AllocationForm
          key={line.category}
          schoolId={schoolId}
          semesterId={semesterId}
          line={line}
          onClose={onClose}
          onSaved={onSaved}
        />
      )}
    </Modal>
  );
}

function AllocationForm({ schoolId, semesterId, line, onClose, onSaved }: Props & { line: TBudgetLine }) {
  const { t } = useTranslation();
  const save = useSaveBudget();
  const unit = isHours(line.category) ? 'hours' : 'euro';
  const [value, setValue] = useState(() => amountInput(line.category, line.allocated));
  const [error, setError] = useState<string | undefined>();

  function submit(event: FormEvent) {
    event.preventDefault();
    const amount = parseAmount(value, unit);
    if (amount === null) {
      setError(t(value.trim() ? `budgets.invalid.${unit}` : 'errors.required'));
      return;
    }
    setError(undefined);
    save.mutate(
      { schoolId, semesterId, category: line.category, amount },
      {
        onSuccess: () =>
          onSaved(
            t('budgets.saved', {
              category: categoryLabel(t, line.category),
              amount: amountLabel(line.category, amount),
            }),
          ),
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={save.error} />
        <Text>{t('budgets.usedSoFar', { amount: amountLabel(line.category, line.used) })}</Text>
        <AmountField
          label={t(unit === 'euro' ? 'budgets.amountEuro' : 'budgets.amountHours')}
          unit={unit}
          required
          value={value}
          onChange={(next) => {
            setValue(next);
            setError(undefined);
          }}
          error={error}
          autoFocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
