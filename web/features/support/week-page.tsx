import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TPlanned } from '../../../common/api/schedule.ts';
import type { TSession } from '../../../common/api/support.ts';
import { formatDate } from '../../../common/format.ts';
import { LoadError, LoadingState, StatusMessage } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { FeedLink } from './feed-link.tsx';
import { PlannedList } from './planned-list.tsx';
import { ScheduleForm } from './schedule-form.tsx';
import { SessionCard } from './session-card.tsx';
import { SessionConfirmStep } from './session-confirm-step.tsx';
import { SessionForm } from './session-form.tsx';
import { addDays, formatHours, mondayOf, todayIso } from './support-labels.ts';
import { usePlanned } from './use-schedule.ts';
import { type TMyMeasure, useMyMeasures, useMySessions } from './use-support.ts';

type Step = { kind: 'week' } | { kind: 'record'; planned: TPlanned } | { kind: 'confirm'; session: TSession };

/** The measure a planned consultation is on, as the record form wants it (from "my measures" when there). */
function measureOf(p: TPlanned, mine: TMyMeasure[]): TMyMeasure {
  return (
    mine.find((m) => m.planId === p.planId && m.measureId === p.measureId) ?? {
      studentId: p.studentId,
      studentName: p.studentName,
      classLabel: '',
      planId: p.planId,
      planCode: p.planCode,
      measureId: p.measureId,
      label: p.measureLabel,
      plannedHours: 0,
      deliveredHours: 0,
      hasPin: true,
      pinSetters: [],
    }
  );
}

/**
 * The caller's week (this week first), by day: planned consultations (record or cancel) and
 * recorded sessions with each student's confirmation; below, scheduling and the calendar feed.
 */
export function WeekPage() {
  const { t } = useTranslation();
  const thisMonday = mondayOf(todayIso());
  const [monday, setMonday] = useState(thisMonday);
  const [step, setStep] = useState<Step>({ kind: 'week' });
  const [message, setMessage] = useState<string | null>(null);
  const [scheduling, setScheduling] = useState(false);
  const sunday = addDays(monday, 6);
  const sessions = useMySessions(monday, sunday);
  const planned = usePlanned(monday, sunday);
  const mine = useMyMeasures();
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const items = sessions.data ?? [];
  const plans = planned.data ?? [];
  const totalMinutes = items.reduce((sum, s) => sum + s.minutes, 0);

  if (step.kind === 'record')
    return (
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="record-title">
        <Title order={1} size="h3" id="record-title" mb="sm">
          {t('schedule.recordTitle')}
        </Title>
        <SessionForm
          measures={[measureOf(step.planned, mine.data ?? [])]}
          planned={step.planned}
          onCancel={() => setStep({ kind: 'week' })}
          onSaved={(session) => setStep({ kind: 'confirm', session })}
        />
      </Paper>
    );
  if (step.kind === 'confirm')
    return (
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="record-title">
        <Title order={1} size="h3" id="record-title" mb="sm">
          {step.session.mode === 'remote' ? t('support.savedRemoteTitle') : t('support.confirmTitle')}
        </Title>
        <SessionConfirmStep
          session={step.session}
          onDone={() => {
            setMessage(t('support.saved'));
            setStep({ kind: 'week' });
          }}
        />
      </Paper>
    );

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/support">
        {t('support.backToStudents')}
      </Anchor>
      <PageHeading>{t('support.weekTitle')}</PageHeading>
      <StatusMessage message={message} />
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Text fw={700} aria-live="polite">
          {t('support.weekRange', { from: formatDate(monday), to: formatDate(sunday) })}
        </Text>
        <Group gap="xs">
          <Button variant="default" onClick={() => setMonday(addDays(monday, -7))}>
            {t('support.previousWeek')}
          </Button>
          {monday !== thisMonday && (
            <Button variant="default" onClick={() => setMonday(thisMonday)}>
              {t('support.thisWeek')}
            </Button>
          )}
          <Button variant="default" onClick={() => setMonday(addDays(monday, 7))}>
            {t('support.nextWeek')}
          </Button>
        </Group>
      </Group>
      {sessions.isPending || planned.isPending ? (
        <LoadingState />
      ) : sessions.isError ? (
        <LoadError error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : planned.isError ? (
        <LoadError error={planned.error} onRetry={() => void planned.refetch()} />
      ) : items.length === 0 && plans.length === 0 ? (
        <Text>{t('support.weekEmpty')}</Text>
      ) : (
        <>
          <Text>
            {t('support.weekTotal', { count: items.length, hours: formatHours(totalMinutes / 60) })}{' '}
            {t('schedule.weekPlanned', { count: plans.filter((p) => p.status === 'planned').length })}
          </Text>
          {days.map((day) => {
            const ofDay = items.filter((s) => s.onDate === day);
            const plannedOfDay = plans.filter((p) => p.onDate === day);
            if (ofDay.length === 0 && plannedOfDay.length === 0) return null;
            return (
              <section key={day} aria-labelledby={`day-${day}`}>
                <Title order={2} size="h4" id={`day-${day}`} mb="xs">
                  {t(`support.weekdays.${(dayjs(day).day() + 6) % 7}`)}, {formatDate(day)}
                </Title>
                <Stack gap="sm">
                  {plannedOfDay.length > 0 && (
                    <PlannedList
                      items={plannedOfDay}
                      onRecord={(p) => {
                        setMessage(null);
                        setStep({ kind: 'record', planned: p });
                      }}
                    />
                  )}
                  {ofDay.map((s) => (
                    <SessionCard key={s.id} session={s} />
                  ))}
                </Stack>
              </section>
            );
          })}
        </>
      )}
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="schedule-title">
        <Title order={2} size="h3" id="schedule-title" mb="sm">
          {t('schedule.title')}
        </Title>
        {scheduling ? (
          <ScheduleForm
            onDone={(count) => {
              setScheduling(false);
              setMessage(t('schedule.saved', { count }));
            }}
          />
        ) : (
          <Button onClick={() => setScheduling(true)}>{t('schedule.open')}</Button>
        )}
      </Paper>
      <Paper withBorder p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="feed-title">
        <Title order={2} size="h3" id="feed-title" mb="sm">
          {t('schedule.feedTitle')}
        </Title>
        <FeedLink />
      </Paper>
    </Stack>
  );
}
