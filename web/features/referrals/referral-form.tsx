import { Button, Checkbox, Group, Paper, Radio, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  REFERRAL_ITEMS,
  REFERRAL_URGENCIES,
  type ReferralItem,
  type TStudentReferrals,
} from '../../../common/api/referrals.ts';
import { DateField } from '../../components/date-field.tsx';
import { ErrorAlert, StatusMessage } from '../../components/feedback.tsx';
import { fieldErrorsFrom } from '../../lib/form-errors.ts';
import { SharedDataView } from './shared-data-view.tsx';
import { usePreviewReferral, useSendReferral } from './use-referrals.ts';

/**
 * The form to refer a student: the institution, the reason, the data items chosen one by one, a
 * preview of exactly what the partner will see (required before sending, and again after any change
 * of the items), urgency, deadline and an optional plan measure.
 */
export function ReferralForm({ studentId, data }: { studentId: string; data: TStudentReferrals }) {
  const { t } = useTranslation();
  const preview = usePreviewReferral(studentId);
  const send = useSendReferral(studentId);
  const [partnerId, setPartnerId] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [items, setItems] = useState<ReferralItem[]>([]);
  const [previewed, setPreviewed] = useState<string | null>(null);
  const [urgency, setUrgency] = useState<'normal' | 'urgent'>('normal');
  const [dueOn, setDueOn] = useState<string | null>(null);
  const [measure, setMeasure] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const errors = { ...fieldErrorsFrom(send.error), ...missing };
  const itemsKey = [...items].sort().join(',');
  const previewCurrent = previewed === itemsKey && preview.data !== undefined;

  function chooseItems(values: string[]) {
    // Keep the fixed order of the list, whatever order they were ticked in.
    setItems(REFERRAL_ITEMS.filter((i) => values.includes(i)));
  }

  function showPreview() {
    if (items.length === 0) return setMissing({ items: t('referrals.itemsRequired') });
    setMissing({});
    preview.mutate(items, { onSuccess: () => setPreviewed(itemsKey) });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setMessage(null);
    const m: Record<string, string> = {};
    if (!partnerId) m.partnerId = t('errors.required');
    if (reason.trim().length < 3) m.reason = t('errors.required');
    if (items.length === 0) m.items = t('referrals.itemsRequired');
    if (!dueOn) m.dueOn = t('errors.required');
    if (items.length > 0 && !previewCurrent) m.items = t('referrals.previewFirst');
    setMissing(m);
    if (Object.keys(m).length > 0 || !partnerId || !dueOn) return;
    const chosen = data.measures.find((x) => `${x.planId}:${x.measureId}` === measure);
    send.mutate(
      {
        partnerId,
        reason: reason.trim(),
        items,
        urgency,
        dueOn,
        planId: chosen?.planId ?? null,
        measureId: chosen?.measureId ?? null,
      },
      {
        onSuccess: (r) => {
          setMessage(t('referrals.sent', { code: r.code }));
          setReason('');
          setItems([]);
          setPreviewed(null);
          setDueOn(null);
          setMeasure(null);
        },
      },
    );
  }

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="referral-new-title">
      <Title order={2} size="h3" id="referral-new-title" mb="md">
        {t('referrals.newTitle')}
      </Title>
      {data.partners.length === 0 ? (
        <Text>{t('referrals.noPartners')}</Text>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="sm" maw={640}>
            <Select
              label={t('referrals.partner')}
              required
              data={data.partners.map((p) => ({
                value: p.id,
                label: p.kind ? `${p.name} (${t(`partnerKinds.${p.kind}`)})` : p.name,
              }))}
              value={partnerId}
              onChange={setPartnerId}
              error={errors.partnerId}
              searchable
            />
            <Textarea
              label={t('referrals.reason')}
              description={t('referrals.reasonHint')}
              required
              autosize
              minRows={3}
              maxLength={4000}
              value={reason}
              onChange={(e) => setReason(e.currentTarget.value)}
              error={errors.reason}
            />
            <Checkbox.Group
              label={t('referrals.itemsLabel')}
              description={t('referrals.itemsHint')}
              required
              value={items}
              onChange={chooseItems}
              error={errors.items}
            >
              <Stack gap={6} mt="xs">
                {REFERRAL_ITEMS.map((i) => (
                  <Checkbox key={i} value={i} label={t(`referrals.items.${i}`)} />
                ))}
              </Stack>
            </Checkbox.Group>
            <Group>
              <Button variant="default" onClick={showPreview} loading={preview.isPending}>
                {t('referrals.previewButton')}
              </Button>
            </Group>
            <ErrorAlert error={preview.error} />
            {previewCurrent && preview.data && (
              <SharedDataView data={preview.data.data} caption={t('referrals.previewCaption')} />
            )}
            <Radio.Group
              label={t('referrals.urgency')}
              value={urgency}
              onChange={(v) => setUrgency(v as 'normal' | 'urgent')}
            >
              <Group mt="xs">
                {REFERRAL_URGENCIES.map((u) => (
                  <Radio key={u} value={u} label={t(`referrals.urgencies.${u}`)} />
                ))}
              </Group>
            </Radio.Group>
            <DateField
              label={t('referrals.dueOn')}
              required
              value={dueOn}
              onChange={setDueOn}
              error={errors.dueOn}
            />
            {data.measures.length > 0 && (
              <Select
                label={t('referrals.measure')}
                description={t('referrals.measureHint')}
                data={data.measures.map((m) => ({ value: `${m.planId}:${m.measureId}`, label: m.label }))}
                value={measure}
                onChange={setMeasure}
                clearable
              />
            )}
            <ErrorAlert error={send.error} />
            <StatusMessage message={message} />
            <Group>
              <Button type="submit" loading={send.isPending}>
                {t('referrals.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Paper>
  );
}
