import {
  Alert,
  Button,
  Group,
  List,
  NumberInput,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TPlanned } from '../../../common/api/schedule.ts';
import type { TSession, TSessionBody } from '../../../common/api/support.ts';
import { DateField } from '../../components/date-field.tsx';
import { ErrorAlert } from '../../components/feedback.tsx';
import { pinSettersText } from '../../components/pin-status.tsx';
import { fieldErrorsFrom } from '../../lib/form-errors.ts';
import { defaultStartTime, measureLabel, NOTE_STYLES, todayIso } from './support-labels.ts';
import { type TMyMeasure, useCreateSession } from './use-support.ts';

type Props = {
  measures: TMyMeasure[];
  onCancel: () => void;
  onSaved: (session: TSession) => void;
  /** A planned consultation this record turns into: prefills date, time, length and mode. */
  planned?: TPlanned;
};

const DEFAULT_MINUTES = 45;

/** The session form: date (today), start time, length (45 min), in person or remote, topic. */
export function SessionForm({ measures, onCancel, onSaved, planned }: Props) {
  const { t } = useTranslation();
  const create = useCreateSession();
  const [onDate, setOnDate] = useState<string | null>(planned?.onDate ?? todayIso());
  const [startTime, setStartTime] = useState(() => planned?.startTime ?? defaultStartTime(DEFAULT_MINUTES));
  const [minutes, setMinutes] = useState<number | string>(planned?.minutes ?? DEFAULT_MINUTES);
  const [mode, setMode] = useState<TSessionBody['mode']>(planned?.mode ?? 'in_person');
  const [topic, setTopic] = useState('');
  const [missing, setMissing] = useState<Record<string, boolean>>({});
  const server = fieldErrorsFrom(create.error);

  function submit(event: FormEvent) {
    event.preventDefault();
    const next = {
      onDate: !onDate,
      startTime: !/^([01]\d|2[0-3]):[0-5]\d$/.test(startTime),
      minutes: typeof minutes !== 'number' || minutes < 10 || minutes > 240,
      topic: !topic.trim(),
    };
    setMissing(next);
    if (Object.values(next).some(Boolean) || !onDate || typeof minutes !== 'number') return;
    create.mutate(
      {
        onDate,
        startTime,
        minutes,
        mode,
        topic: topic.trim(),
        participants: measures.map((m) => ({
          studentId: m.studentId,
          planId: m.planId,
          measureId: m.measureId,
        })),
        ...(planned ? { plannedId: planned.id } : {}),
      },
      { onSuccess: onSaved },
    );
  }

  const fieldError = (name: string, message: string) => (missing[name] ? message : server[name]);
  // Known before saving: who cannot confirm in person for lack of a PIN, and who sets PINs.
  const withoutPin = [...new Map(measures.filter((m) => !m.hasPin).map((m) => [m.studentId, m])).values()];
  const setters = [...new Set(withoutPin.flatMap((m) => m.pinSetters))];

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <div>
          <Text fw={700}>{t('support.participants', { count: measures.length })}</Text>
          <List>
            {measures.map((m) => (
              <List.Item key={m.measureId}>
                {m.studentName}
                {m.classLabel ? `, ${m.classLabel}` : ''} — {measureLabel(t, m.label)} ({m.planCode})
              </List.Item>
            ))}
          </List>
        </div>
        {withoutPin.length > 0 && (
          <Alert
            color="orange"
            title={t('pins.sessionWarningTitle')}
            styles={NOTE_STYLES}
            data-testid="pin-warning"
          >
            <Text size="sm">
              {t('pins.sessionWarning', { names: withoutPin.map((m) => m.studentName).join(', ') })}
            </Text>
            <Text size="sm" fw={700}>
              {pinSettersText(t, setters)}
            </Text>
          </Alert>
        )}
        <ErrorAlert error={create.error} />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <DateField
            label={t('support.date')}
            required
            value={onDate}
            onChange={setOnDate}
            maxDate={todayIso()}
            error={fieldError('onDate', t('errors.required'))}
          />
          <TextInput
            label={t('support.startTime')}
            description={t('support.startTimeHint')}
            type="time"
            required
            value={startTime}
            onChange={(event) => setStartTime(event.currentTarget.value)}
            error={fieldError('startTime', t('support.startTimeInvalid'))}
          />
          <NumberInput
            label={t('support.minutes')}
            description={t('support.minutesHint')}
            required
            min={10}
            max={240}
            step={5}
            allowDecimal={false}
            allowNegative={false}
            value={minutes}
            onChange={setMinutes}
            error={fieldError('minutes', t('support.minutesInvalid'))}
          />
        </SimpleGrid>
        <Radio.Group
          label={t('support.mode')}
          required
          value={mode}
          onChange={(value) => setMode(value as TSessionBody['mode'])}
        >
          <Group mt="xs">
            <Radio value="in_person" label={t('support.modes.in_person')} />
            <Radio value="remote" label={t('support.modes.remote')} />
          </Group>
        </Radio.Group>
        <Text size="sm">{mode === 'remote' ? t('support.remoteHint') : t('support.inPersonHint')}</Text>
        <Textarea
          label={t('support.topic')}
          required
          autosize
          minRows={2}
          maxLength={500}
          value={topic}
          onChange={(event) => setTopic(event.currentTarget.value)}
          error={fieldError('topic', t('errors.required'))}
        />
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('support.saveSession')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
