import { Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TSession } from '../../../common/api/support.ts';
import { formatDate } from '../../../common/format.ts';
import { ParticipantPin } from './participant-pin.tsx';
import { RemoteLink } from './remote-link.tsx';
import { shortTime } from './support-labels.ts';

/**
 * Right after saving: for an in-person session each student types the PIN on this device and sees
 * "✓ apstiprināts"; for a remote one the link to send to the students.
 */
export function SessionConfirmStep({ session, onDone }: { session: TSession; onDone: () => void }) {
  const { t } = useTranslation();
  const [confirmed, setConfirmed] = useState<string[]>(
    session.participants.filter((p) => p.confirmation === 'confirmed').map((p) => p.studentId),
  );
  const waiting = session.participants.length - confirmed.length;

  return (
    <Stack gap="md">
      <Text>
        {t('support.sessionFacts', {
          date: formatDate(session.onDate),
          time: shortTime(session.startTime),
          minutes: session.minutes,
          mode: t(`support.modesInSentence.${session.mode}`),
        })}
      </Text>
      {session.mode === 'remote'
        ? session.confirmationPath && <RemoteLink path={session.confirmationPath} />
        : // The PIN entries follow the session's `can.confirm` (the server's gate and the session's state).
          session.can.confirm && (
            <>
              <Text>{t('support.pinIntro')}</Text>
              <Stack gap="sm">
                {session.participants.map((p) => (
                  <Paper withBorder p="md" key={p.studentId}>
                    <ParticipantPin
                      sessionId={session.id}
                      studentId={p.studentId}
                      studentName={p.studentName}
                      confirmed={confirmed.includes(p.studentId)}
                      onConfirmed={() => setConfirmed((list) => [...list, p.studentId])}
                    />
                  </Paper>
                ))}
              </Stack>
              <Text role="status" fw={500}>
                {waiting === 0
                  ? t('support.allConfirmed')
                  : t('support.waitingCount', { count: waiting, total: session.participants.length })}
              </Text>
            </>
          )}
      <Group>
        <Button variant={waiting === 0 || session.mode === 'remote' ? 'filled' : 'default'} onClick={onDone}>
          {t('support.done')}
        </Button>
      </Group>
      {session.can.confirm && waiting > 0 && <Text size="sm">{t('support.confirmLaterHint')}</Text>}
    </Stack>
  );
}
