import { Anchor, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDate } from '../../../common/format.ts';
import { useCurrentUser } from '../auth/use-session.ts';
import { addDays, shortTime, todayIso } from '../support/support-labels.ts';
import { usePlanned } from '../support/use-schedule.ts';
import { useMySessions } from '../support/use-support.ts';
import { VisibilityBadge } from './note-labels.tsx';
import { useMyNotes } from './use-notes.ts';

/** How far back the start page lists the caller's sessions, and how far ahead the planned ones. */
const SESSIONS_BACK_DAYS = 14;
const PLANNED_AHEAD_DAYS = 7;

/** The start page's card of a specialist: their latest case notes and their sessions. */
export function MyWorkCard() {
  const me = useCurrentUser();
  if (!me.can.myNotes) return null;
  return <MyWork withSessions={me.can.recordSupport} />;
}

function MyWork({ withSessions }: { withSessions: boolean }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }} component="section" aria-labelledby="home-my-work">
      <Title order={2} id="home-my-work" size="h3" mb="md">
        {t('notes.home.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, md: withSessions ? 2 : 1 }} spacing="xl">
        <MyNotes />
        {withSessions && <MySessions />}
      </SimpleGrid>
    </Paper>
  );
}

function MyNotes() {
  const { t } = useTranslation();
  const notes = useMyNotes();
  return (
    <section aria-labelledby="home-my-notes">
      <Title order={3} size="h4" id="home-my-notes" mb="xs">
        {t('notes.home.notesTitle')}
      </Title>
      {notes.isPending && <Text>{t('common.loading')}</Text>}
      {notes.isError && <Text>{t('errors.loadFailed')}</Text>}
      {notes.data?.length === 0 && <Text>{t('notes.home.noNotes')}</Text>}
      {notes.data && notes.data.length > 0 && (
        <List listStyleType="none" spacing="xs" ml={0} pl={0}>
          {notes.data.map((n) => (
            <List.Item key={n.id}>
              <Group gap="xs" wrap="wrap">
                <Anchor component={Link} to={`/students/${encodeURIComponent(n.studentId)}?tab=notes`}>
                  {n.studentName}
                </Anchor>
                <Text size="sm">
                  {formatDate(n.date)} · {t(`notes.types.${n.type}`)}
                </Text>
                <VisibilityBadge visibility={n.visibility} />
              </Group>
            </List.Item>
          ))}
        </List>
      )}
    </section>
  );
}

function MySessions() {
  const { t } = useTranslation();
  const today = todayIso();
  const sessions = useMySessions(addDays(today, -SESSIONS_BACK_DAYS), today);
  const planned = usePlanned(today, addDays(today, PLANNED_AHEAD_DAYS));
  const upcoming = (planned.data ?? []).filter((p) => p.status === 'planned').slice(0, 8);
  const held = [...(sessions.data ?? [])].reverse().slice(0, 8);
  return (
    <section aria-labelledby="home-my-sessions">
      <Title order={3} size="h4" id="home-my-sessions" mb="xs">
        {t('notes.home.sessionsTitle')}
      </Title>
      <Stack gap="sm">
        <div>
          <Text fw={600} size="sm">
            {t('notes.home.upcoming', { days: PLANNED_AHEAD_DAYS })}
          </Text>
          {planned.isPending && <Text size="sm">{t('common.loading')}</Text>}
          {planned.isError && <Text size="sm">{t('errors.loadFailed')}</Text>}
          {planned.data && upcoming.length === 0 && <Text size="sm">{t('notes.home.noUpcoming')}</Text>}
          <List size="sm" spacing={2}>
            {upcoming.map((p) => (
              <List.Item key={p.id}>
                {formatDate(p.onDate)} {shortTime(p.startTime)} · {p.studentName} · {p.measureLabel}
              </List.Item>
            ))}
          </List>
        </div>
        <div>
          <Text fw={600} size="sm">
            {t('notes.home.held', { days: SESSIONS_BACK_DAYS })}
          </Text>
          {sessions.isPending && <Text size="sm">{t('common.loading')}</Text>}
          {sessions.isError && <Text size="sm">{t('errors.loadFailed')}</Text>}
          {sessions.data && held.length === 0 && <Text size="sm">{t('notes.home.noSessions')}</Text>}
          <List size="sm" spacing={2}>
            {held.map((s) => (
              <List.Item key={s.id}>
                {formatDate(s.onDate)} {shortTime(s.startTime)} · {s.topic} ·{' '}
                {t('notes.home.participants', { count: s.participants.length })}
              </List.Item>
            ))}
          </List>
        </div>
        <Anchor component={Link} to="/support/week" fw={500}>
          {t('notes.home.openWeek')}
        </Anchor>
      </Stack>
    </section>
  );
}
