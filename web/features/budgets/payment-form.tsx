import {
  Alert,
  Button,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import dayjs from 'dayjs';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TMeasure } from '../../../common/api/plans.ts';
import { DateField } from '../../components/date-field.tsx';
import { ErrorAlert } from '../../components/feedback.tsx';
import { ApiError } from '../../lib/api.ts';
import { type FieldErrors, fieldErrorsFrom } from '../../lib/form-errors.ts';
import { measureTitle } from '../plans/plan-labels.ts';
import { AmountField } from './amount-field.tsx';
import { euro, parseAmount } from './budget-labels.ts';
import { type TPaymentBody, useRecordPayment } from './use-budgets.ts';

type Props = {
  planId: string;
  measures: TMeasure[];
  /** Whether the user may allow a payment beyond a cap or the budget with a reason. */
  mayDecide: boolean;
  onRecorded: (message: string) => void;
};

const OVER_CODES = ['over_budget', 'over_cap'];
const MAX_CENTS = 10_000_000;

/**
 * "Reģistrēt maksājumu": date, amount in euros, recipient and document number of a payment against an
 * economic measure. When the payment would go beyond the student's cap or the school's budget the
 * server's message is shown and a coordinator may send it again with a reason.
 */
export function PaymentForm({ planId, measures, mayDecide, onRecorded }: Props) {
  const { t } = useTranslation();
  const record = useRecordPayment(planId);
  const [measureId, setMeasureId] = useState(measures[0]?.id ?? '');
  const [onDate, setOnDate] = useState<string | null>(() => dayjs().format('YYYY-MM-DD'));
  const [amount, setAmount] = useState('');
  const [recipient, setRecipient] = useState('');
  const [documentRef, setDocumentRef] = useState('');
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const [refused, setRefused] = useState<{ body: TPaymentBody; message: string } | null>(null);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const submitRef = useRef<HTMLButtonElement>(null);
  // The alert's buttons go away once the payment is allowed or dropped: focus moves back to the form.
  const [returnFocus, setReturnFocus] = useState(false);
  const errors = { ...fieldErrorsFrom(record.error), ...clientErrors };
  const overError = record.error instanceof ApiError && OVER_CODES.includes(record.error.code);

  useEffect(() => {
    if (!returnFocus) return;
    submitRef.current?.focus();
    setReturnFocus(false);
  }, [returnFocus]);

  useEffect(() => {
    if (refused && mayDecide) reasonRef.current?.focus();
  }, [refused, mayDecide]);

  const changed =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setRefused(null);
      record.reset();
    };

  function send(body: TPaymentBody) {
    record.mutate(body, {
      onSuccess: () => {
        onRecorded(
          t(body.overCapReason ? 'payments.recordedWithReason' : 'payments.recorded', {
            amount: euro(body.amountCents),
          }),
        );
        setAmount('');
        setRecipient('');
        setDocumentRef('');
        setRefused(null);
        setReason('');
        if (body.overCapReason) setReturnFocus(true);
      },
      onError: (error) => {
        if (error instanceof ApiError && OVER_CODES.includes(error.code))
          setRefused({ body, message: error.message });
      },
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const cents = parseAmount(amount, 'euro');
    const missing: FieldErrors = {};
    if (!onDate) missing.onDate = t('errors.required');
    if (!amount.trim()) missing.amountCents = t('errors.required');
    else if (cents === null) missing.amountCents = t('budgets.invalid.euro');
    else if (cents < 1 || cents > MAX_CENTS) missing.amountCents = t('payments.amountRange');
    if (!recipient.trim()) missing.recipient = t('errors.required');
    if (!documentRef.trim()) missing.documentRef = t('errors.required');
    setClientErrors(missing);
    if (Object.keys(missing).length > 0 || !onDate || cents === null) return;
    setRefused(null);
    send({
      measureId,
      onDate,
      amountCents: cents,
      recipient: recipient.trim(),
      documentRef: documentRef.trim(),
    });
  }

  function allow() {
    if (!refused) return;
    if (reason.trim().length < 5) {
      setReasonError(t('payments.reasonTooShort'));
      reasonRef.current?.focus();
      return;
    }
    setReasonError(undefined);
    send({ ...refused.body, overCapReason: reason.trim() });
  }

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="payment-form-title">
      <Title order={3} size="h4" id="payment-form-title" mb="sm">
        {t('payments.formTitle')}
      </Title>
      <form onSubmit={submit} noValidate>
        <Stack maw={720}>
          {!overError && <ErrorAlert error={record.error} />}
          {measures.length > 1 ? (
            <Select
              label={t('payments.measure')}
              allowDeselect={false}
              data={measures.map((m) => ({ value: m.id, label: measureTitle(t, m) }))}
              value={measureId}
              onChange={(value) => value && changed(setMeasureId)(value)}
            />
          ) : (
            <Text>
              <Text span fw={700}>
                {t('payments.measure')}:
              </Text>{' '}
              {measures[0] ? measureTitle(t, measures[0]) : ''}
            </Text>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DateField
              label={t('payments.date')}
              required
              value={onDate}
              onChange={changed(setOnDate)}
              maxDate={dayjs().format('YYYY-MM-DD')}
              error={errors.onDate}
            />
            <AmountField
              label={t('payments.amountEuro')}
              unit="euro"
              maw="100%"
              required
              value={amount}
              onChange={changed(setAmount)}
              error={errors.amountCents}
            />
            <TextInput
              label={t('payments.recipient')}
              description={t('payments.recipientHint')}
              required
              maxLength={200}
              value={recipient}
              onChange={(event) => changed(setRecipient)(event.currentTarget.value)}
              error={errors.recipient}
            />
            <TextInput
              label={t('payments.documentRef')}
              description={t('payments.documentRefHint')}
              required
              maxLength={100}
              value={documentRef}
              onChange={(event) => changed(setDocumentRef)(event.currentTarget.value)}
              error={errors.documentRef}
            />
          </SimpleGrid>
          {refused ? (
            <Alert
              color="orange"
              role="alert"
              title={t('payments.refusedTitle')}
              // The tinted orange text falls below 4.5:1 on its own tint: keep the normal text colour.
              styles={{
                title: { color: 'var(--mantine-color-text)' },
                message: { color: 'var(--mantine-color-text)' },
              }}
            >
              <Text mb={mayDecide ? 'sm' : 0}>{refused.message}</Text>
              {mayDecide ? (
                <Stack gap="sm">
                  <Textarea
                    ref={reasonRef}
                    label={t('payments.reason')}
                    description={t('payments.reasonHint')}
                    required
                    autosize
                    minRows={2}
                    maxLength={1000}
                    value={reason}
                    onChange={(event) => {
                      setReason(event.currentTarget.value);
                      setReasonError(undefined);
                    }}
                    error={reasonError ?? fieldErrorsFrom(record.error).overCapReason}
                  />
                  <Group>
                    <Button onClick={allow} loading={record.isPending}>
                      {t('payments.allow')}
                    </Button>
                    <Button
                      variant="default"
                      onClick={() => {
                        changed(setReason)('');
                        setReturnFocus(true);
                      }}
                    >
                      {t('common.cancel')}
                    </Button>
                  </Group>
                </Stack>
              ) : (
                <Text>{t('payments.askCoordinator')}</Text>
              )}
            </Alert>
          ) : (
            <Group>
              <Button type="submit" ref={submitRef} loading={record.isPending}>
                {t('payments.submit')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
