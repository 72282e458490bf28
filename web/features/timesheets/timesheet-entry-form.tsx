import { Button, Group, NumberInput, Select, SimpleGrid, Stack, Text, Textarea } from '@mantine/core';
import { type FormEvent, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TTimesheet } from '../../../common/api/support.ts';
import { ErrorAlert, StatusMessage } from '../../components/feedback.tsx';
import { fieldErrorsFrom } from '../../lib/form-errors.ts';
import { useAddTimesheetEntry, useSchoolPeople } from './use-timesheets.ts';

type Kind = 'preparation' | 'supervision' | 'adjustment';
type Props = { schoolId: string; month: string; timesheet: TTimesheet };

/**
 * Adds paid plan preparation or supervision hours for a member of staff; once the month is signed
 * off only an adjustment (plus or minus hours) with a reason.
 */
export function TimesheetEntryForm({ schoolId, month, timesheet }: Props) {
  const { t, i18n } = useTranslation();
  const add = useAddTimesheetEntry();
  const people = useSchoolPeople(schoolId);
  const signedOff = timesheet.signedOff !== null;
  const [providerId, setProviderId] = useState<string | null>(null);
  const [kind, setKind] = useState<Kind>('preparation');
  const [hours, setHours] = useState<number | string>('');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Record<string, boolean>>({});
  const [message, setMessage] = useState<string | null>(null);
  const server = fieldErrorsFrom(add.error);
  const effectiveKind: Kind = signedOff ? 'adjustment' : kind;

  const providers = useMemo(() => {
    const map = new Map<string, string>();
    for (const row of timesheet.rows) map.set(row.providerId, row.providerName);
    for (const u of people.data ?? []) if (u.active) map.set(u.id, `${u.firstName} ${u.lastName}`);
    return [...map]
      .map(([value, label]) => ({ value, label }))
      .sort((a, b) => a.label.localeCompare(b.label, 'lv'));
  }, [timesheet.rows, people.data]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = {
      providerId: !providerId,
      hours: typeof hours !== 'number' || hours === 0 || (effectiveKind !== 'adjustment' && hours < 0),
      reason: effectiveKind === 'adjustment' && !reason.trim(),
    };
    setProblems(next);
    setMessage(null);
    if (Object.values(next).some(Boolean) || !providerId || typeof hours !== 'number') return;
    add.mutate(
      { schoolId, month, providerId, kind: effectiveKind, hours, reason: reason.trim() || undefined },
      {
        onSuccess: () => {
          setHours('');
          setReason('');
          setMessage(t('timesheets.entryAdded'));
        },
      },
    );
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text>{signedOff ? t('timesheets.adjustmentIntro') : t('timesheets.entryIntro')}</Text>
        <StatusMessage message={message} />
        <ErrorAlert error={add.error} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('timesheets.provider')}
            required
            searchable
            data={providers}
            value={providerId}
            onChange={setProviderId}
            error={problems.providerId ? t('errors.required') : server.providerId}
            nothingFoundMessage={t('timesheets.noPeople')}
          />
          {signedOff ? (
            <Select
              label={t('timesheets.kind')}
              data={[{ value: 'adjustment', label: t('timesheets.kinds.adjustment') }]}
              value="adjustment"
              readOnly
            />
          ) : (
            <Select
              label={t('timesheets.kind')}
              required
              allowDeselect={false}
              data={(['preparation', 'supervision'] as const).map((k) => ({
                value: k,
                label: t(`timesheets.kinds.${k}`),
              }))}
              value={kind}
              onChange={(value) => setKind((value as Kind) ?? 'preparation')}
            />
          )}
          <NumberInput
            label={t('timesheets.hours')}
            description={signedOff ? t('timesheets.adjustmentHoursHint') : t('timesheets.hoursHint')}
            required
            step={0.5}
            decimalScale={2}
            min={signedOff ? -200 : 0}
            max={200}
            allowNegative={signedOff}
            decimalSeparator={i18n.resolvedLanguage === 'en' ? '.' : ','}
            value={hours}
            onChange={setHours}
            error={problems.hours ? t('timesheets.hoursInvalid') : server.hours}
          />
        </SimpleGrid>
        <Textarea
          label={t('timesheets.reason')}
          description={signedOff ? t('timesheets.reasonRequiredHint') : t('timesheets.reasonHint')}
          required={signedOff}
          autosize
          minRows={2}
          maxLength={500}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={problems.reason ? t('errors.required') : server.reason}
        />
        <Group>
          <Button type="submit" loading={add.isPending}>
            {signedOff ? t('timesheets.addAdjustment') : t('timesheets.addEntry')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
