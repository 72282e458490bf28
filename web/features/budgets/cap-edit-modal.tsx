import { Button, Group, Modal, Stack } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BudgetCategory } from '../../../common/api/support.ts';
import { ErrorAlert } from '../../components/feedback.tsx';
import { AmountField } from './amount-field.tsx';
import { amountInput, amountLabel, categoryLabel, isHours, parseAmount } from './budget-labels.ts';
import { useSaveCap } from './use-budgets.ts';

type Cap = { category: BudgetCategory; amount: number | null };

type Props = {
  /** The cap being changed; null keeps the dialog closed. */
  cap: Cap | null;
  onClose: () => void;
  onSaved: (message: string) => void;
};

/** A dialog to set one category's per-student cap; an empty amount removes the cap. */
export function CapEditModal({ cap, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={cap !== null}
      onClose={onClose}
      title={cap ? t('caps.editTitle', { category: categoryLabel(t, cap.category) }) : ''}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {cap && <CapForm key={cap.category} cap={cap} onClose={onClose} onSaved={onSaved} />}
    </Modal>
  );
}

function CapForm({
  cap,
  onClose,
  onSaved,
}: {
  cap: Cap;
  onClose: () => void;
  onSaved: (message: string) => void;
}) {
  const { t } = useTranslation();
  const save = useSaveCap();
  const unit = isHours(cap.category) ? 'hours' : 'euro';
  const [value, setValue] = useState(() => amountInput(cap.category, cap.amount));
  const [error, setError] = useState<string | undefined>();

  function submit(event: FormEvent) {
    event.preventDefault();
    const empty = value.trim() === '';
    const amount = empty ? null : parseAmount(value, unit);
    if (!empty && amount === null) {
      setError(t(`budgets.invalid.${unit}`));
      return;
    }
    setError(undefined);
    const name = categoryLabel(t, cap.category);
    save.mutate(
      { category: cap.category, amount },
      {
        onSuccess: () =>
          onSaved(
            amount === null
              ? t('caps.removed', { category: name })
              : t('caps.saved', { category: name, amount: amountLabel(cap.category, amount) }),
          ),
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert error={save.error} />
        <AmountField
          label={t(unit === 'euro' ? 'caps.amountEuro' : 'caps.amountHours')}
          description={t(unit === 'euro' ? 'caps.emptyHintEuro' : 'caps.emptyHintHours')}
          unit={unit}
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
