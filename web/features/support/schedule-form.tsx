import { Button, Group, NumberInput, Radio, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PLANNED_MAX_MINUTES, PLANNED_MIN_MINUTES, type TPlannedBody } from '../../../common/api/schedule.ts';
import { DateField } from '../../components/date-field.tsx';
import { ErrorAlert } from '../../components/feedback.tsx';
import { fieldErrorsFrom } from '../../lib/form-errors.ts';
import { measureLabel, todayIso } from './support-labels.ts';
import { useSchedulePlanned } from './use-schedule.ts';
import { useMyMeasures } from './use-support.ts';

/**
 * Schedules a consultation: the measure (the caller's, of plans in progress), date, time, length
 * (at most 45 minutes), a room or remote, and optionally weekly until a date.
 */
export function ScheduleForm({ onDone }: { onDone: (count: number) => void }) {
  const { t } = useTranslation();
  const measures = useMyMeasures();
  const schedule = useSchedulePlanned();
  const [measure, setMeasure] = useState<string | null>(null);
  const [onDate, setOnDate] = useState<string | null>(todayIso());
  const [startTime, setStartTime] = useState('14:00');
  const [minutes, setMinutes] = useState<number | string>(PLANNED_MAX_MINUTES);
  const [mode, setMode] = useState<TPlannedBody['mode']>('in_person');
  const [room, setRoom] = useState('');
  const [until, setUntil] = useState<string | null>(null);
  const [missing, setMissing] = useState<Record<string, boolean>>({});
  const server = fieldErrorsFrom(schedule.error);
  const options = (measures.data ?? []).map((m) => ({
    value: `${m.planId}/${m.measureId}`,
    label: `${m.studentName}, ${m.classLabel} — ${measureLabel(t, m.label)} (${m.planCode})`,
  }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = {
      measureId: !measure,
      onDate: !onDate,
      startTime: !/^([01]\d|2[0-3]):[0-5]\d$/.test(startTime),
      minutes: typeof minutes !== 'number' || minutes < PLANNED_MIN_MINUTES || minutes > PLANNED_MAX_MINUTES,
      room: mode === 'in_person' && !room.trim(),
    };
    setMissing(next);
    if (Object.values(next).some(Boolean) || !measure || !onDate || typeof minutes !== 'number') return;
    const [planId, measureId] = measure.split('/');
    schedule.mutate(
      {
        planId,
        measureId,
        onDate,
        startTime,
        minutes,
        mode,
        ...(mode === 'in_person' ? { room: room.trim() } : {}),
        ...(until ? { weeklyUntil: until } : {}),
      },
      { onSuccess: (res) => onDone(res.items.length) },
    );
  }

  const fieldError = (name: string, message: string) => (missing[name] ? message : server[name]);
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <ErrorAlert error={schedule.error} />
        <Select
          label={t('schedule.measure')}
          required
          data={options}
          value={measure}
          onChange={setMeasure}
          searchable
          nothingFoundMessage={t('schedule.noMeasures')}
          error={fieldError('measureId', t('errors.required'))}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <DateField
            label={t('support.date')}
            required
            value={onDate}
            onChange={setOnDate}
            error={fieldError('onDate', t('errors.required'))}
          />
          <TextInput
            label={t('support.startTime')}
            type="time"
            required
            value={startTime}
            onChange={(event) => setStartTime(event.currentTarget.value)}
            error={fieldError('startTime', t('support.startTimeInvalid'))}
          />
          <NumberInput
            label={t('support.minutes')}
            description={t('schedule.minutesHint')}
            required
            min={PLANNED_MIN_MINUTES}
            max={PLANNED_MAX_MINUTES}
            step={5}
            allowDecimal={false}
            allowNegative={false}
            value={minutes}
            onChange={setMinutes}
            error={fieldError('minutes', t('schedule.minutesInvalid'))}
          />
        </SimpleGrid>
        <Radio.Group
          label={t('schedule.place')}
          required
          value={mode}
          onChange={(value) => setMode(value as TPlannedBody['mode'])}
        >
          <Group mt="xs">
            <Radio value="in_person" label={t('schedule.inRoom')} />
            <Radio value="remote" label={t('schedule.remote')} />
          </Group>
        </Radio.Group>
        {mode === 'in_person' && (
          <TextInput
            label={t('schedule.room')}
            required
            maxLength={60}
            value={room}
            onChange={(event) => setRoom(event.currentTarget.value)}
            error={fieldError('room', t('errors.required'))}
          />
        )}
        <DateField
          label={t('schedule.weeklyUntil')}
          hint={t('schedule.weeklyUntilHint')}
          value={until}
          onChange={setUntil}
          error={fieldError('weeklyUntil', '')}
        />
        <Group>
          <Button type="submit" loading={schedule.isPending}>
            {t('schedule.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
