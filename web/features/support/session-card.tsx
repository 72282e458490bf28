import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TSession } from '../../../common/api/support.ts';
import { formatDateTime } from '../../../common/format.ts';
import { ParticipantPin } from './participant-pin.tsx';
import { confirmationLabel, formatHours, shortTime } from './support-labels.ts';

type Participant = TSession['participants'][number];

const STATE_COLOURS: Record<Participant['confirmation'], string> = {
  confirmed: 'teal.9',
  waiting: 'blue.9',
  expired: 'red.9',
  unconfirmed: 'orange.9',
};

/** One participant: the name, the plan, the confirmation state in words, and a late PIN entry in person. */
function ParticipantRow({ session, participant }: { session: TSession; participant: Participant }) {
  const { t } = useTranslation();
  const [entering, setEntering] = useState(false);
  // The session's `can.confirm` comes from the server (own session, in person, on the day, month open).
  const canConfirm = session.can.confirm && participant.confirmation === 'unconfirmed';
  if (entering && canConfirm) {
    return (
      <Paper withBorder p="sm" component="li">
        <ParticipantPin
          sessionId={session.id}
          studentId={participant.studentId}
          studentName={participant.studentName}
          confirmed={false}
        />
      </Paper>
    );
  }
  return (
    <Group component="li" justify="space-between" wrap="wrap" gap="xs">
      <Text>
        {participant.studentName}{' '}
        <Text span size="sm" c="dimmed">
          ({participant.planCode})
        </Text>
      </Text>
      <Group gap="xs">
        <Text fw={600} c={STATE_COLOURS[participant.confirmation]}>
          {participant.confirmation === 'confirmed' && <span aria-hidden="true">✓ </span>}
          {confirmationLabel(t, participant)}
          {participant.confirmedAt ? ` ${formatDateTime(participant.confirmedAt)}` : ''}
        </Text>
        {canConfirm && (
          <Button size="xs" variant="default" onClick={() => setEntering(true)}>
            {t('support.enterPin')}
          </Button>
        )}
      </Group>
    </Group>
  );
}

/** A recorded session: time, length, in person or remote, topic and each student's confirmation. */
export function SessionCard({ session }: { session: TSession }) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      p="md"
      component="article"
      aria-label={`${shortTime(session.startTime)} ${session.topic}`}
    >
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Text fw={700}>
            {shortTime(session.startTime)} · {t('support.minutesValue', { count: session.minutes })} (
            {formatHours(session.minutes / 60)} h)
          </Text>
          <Badge variant="outline" color="gray.8">
            {t(`support.modes.${session.mode}`)}
          </Badge>
        </Group>
        <Text>{session.topic}</Text>
        <Stack
          component="ul"
          gap={6}
          p={0}
          m={0}
          style={{ listStyle: 'none' }}
          aria-label={t('support.participantsLabel')}
        >
          {session.participants.map((p) => (
            <ParticipantRow key={p.studentId} session={session} participant={p} />
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}
