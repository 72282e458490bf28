import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../common/format.ts';
import { LoadError, LoadingState } from '../../components/feedback.tsx';
import { PageHeading } from '../../components/page-heading.tsx';
import { SessionCard } from './session-card.tsx';
import { addDays, formatHours, mondayOf, todayIso } from './support-labels.ts';
import { useMySessions } from './use-support.ts';

/** The caller's sessions of one week (this week first), by day, with each student's confirmation. */
export function WeekPage() {
  const { t } = useTranslation();
  const thisMonday = mondayOf(todayIso());
  const [monday, setMonday] = useState(thisMonday);
  const sunday = addDays(monday, 6);
  const sessions = useMySessions(monday, sunday);
  const days = Array.from({ length: 7 }, (_, i) => addDays(monday, i));
  const items = sessions.data ?? [];
  const totalMinutes = items.reduce((sum, s) => sum + s.minutes, 0);

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/support">
        {t('support.backToStudents')}
      </Anchor>
      <PageHeading>{t('support.weekTitle')}</PageHeading>
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
          <Button
            variant="default"
            onClick={() => setMonday(addDays(monday, 7))}
            disabled={monday >= thisMonday}
          >
            {t('support.nextWeek')}
          </Button>
        </Group>
      </Group>
      {sessions.isPending ? (
        <LoadingState />
      ) : sessions.isError ? (
        <LoadError error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : items.length === 0 ? (
        <Text>{t('support.weekEmpty')}</Text>
      ) : (
        <>
          <Text>
            {t('support.weekTotal', { count: items.length, hours: formatHours(totalMinutes / 60) })}
          </Text>
          {days.map((day) => {
            const ofDay = items.filter((s) => s.onDate === day);
            if (ofDay.length === 0) return null;
            return (
              <section key={day} aria-labelledby={`day-${day}`}>
                <Title order={2} size="h4" id={`day-${day}`} mb="xs">
                  {t(`support.weekdays.${(dayjs(day).day() + 6) % 7}`)}, {formatDate(day)}
                </Title>
                <Stack gap="sm">
                  {ofDay.map((s) => (
                    <SessionCard key={s.id} session={s} />
                  ))}
                </Stack>
              </section>
            );
          })}
        </>
      )}
    </Stack>
  );
}
