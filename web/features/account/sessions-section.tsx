import { Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TSessionList, TSessionsEnded } from '../../../common/api/account.ts';
import { formatDateTime } from '../../../common/format.ts';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { ErrorAlert, LoadError, LoadingState, StatusMessage } from '../../components/feedback.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { api } from '../../lib/api.ts';
import { ME_KEY } from '../../lib/query-client.ts';

const SESSIONS_KEY = ['auth', 'sessions'] as const;

/** The signed-in user's own sessions: where and when, end one, or sign out everywhere (else). */
export function SessionsSection() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [confirmAll, setConfirmAll] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const sessions = useQuery({
    queryKey: SESSIONS_KEY,
    queryFn: () => api.get<TSessionList>('/api/auth/sessions'),
  });

  /** After the current session ended the app is signed out: the guard shows the sign-in page. */
  const settle = async (result: TSessionsEnded) => {
    if (result.signedOut) {
      client.setQueryData(ME_KEY, null);
      return;
    }
    setStatus(t('sessions.ended', { count: result.ended }));
    await client.invalidateQueries({ queryKey: SESSIONS_KEY });
  };
  const endOne = useMutation({
    mutationFn: (id: string) => api.delete<TSessionsEnded>(`/api/auth/sessions/${id}`),
    onSuccess: settle,
  });
  const endMany = useMutation({
    mutationFn: (scope: 'others' | 'all') =>
      api.post<TSessionsEnded>('/api/auth/sessions/sign-out-everywhere', { scope }),
    onSuccess: settle,
  });

  const items = sessions.data?.items ?? [];
  const others = items.filter((s) => !s.current).length;

  return (
    <section aria-labelledby="sessions-heading">
      <Title order={2} size="h3" id="sessions-heading" mb="xs">
        {t('sessions.title')}
      </Title>
      <Text mb="md">{t('sessions.intro')}</Text>
      <StatusMessage message={status} />
      <ErrorAlert error={endOne.error ?? endMany.error} />
      {sessions.isPending ? (
        <LoadingState />
      ) : sessions.error ? (
        <LoadError error={sessions.error} onRetry={() => void sessions.refetch()} />
      ) : (
        <Stack>
          <TableScroll label={t('sessions.caption')} minWidth={720}>
            <Table striped>
              <Table.Caption>{t('sessions.caption')}</Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('sessions.device')}</Table.Th>
                  <Table.Th scope="col">{t('sessions.address')}</Table.Th>
                  <Table.Th scope="col">{t('sessions.started')}</Table.Th>
                  <Table.Th scope="col">{t('sessions.lastSeen')}</Table.Th>
                  <Table.Th scope="col">{t('sessions.expires')}</Table.Th>
                  <Table.Th scope="col">{t('sessions.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((s) => (
                  <Table.Tr key={s.id}>
                    <Table.Td>
                      <Text size="sm">{s.userAgent ?? t('sessions.unknownDevice')}</Text>
                      {s.current && (
                        <Badge color="teal.9" variant="filled" mt={4}>
                          {t('sessions.current')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{s.ip ?? '—'}</Table.Td>
                    <Table.Td>{formatDateTime(s.createdAt)}</Table.Td>
                    <Table.Td>{formatDateTime(s.lastSeenAt)}</Table.Td>
                    <Table.Td>{formatDateTime(s.expiresAt)}</Table.Td>
                    <Table.Td>
                      <Button
                        variant="default"
                        size="xs"
                        loading={endOne.isPending && endOne.variables === s.id}
                        onClick={() => endOne.mutate(s.id)}
                        aria-label={
                          s.current
                            ? t('sessions.endCurrent')
                            : t('sessions.endOneOf', { device: s.userAgent ?? t('sessions.unknownDevice') })
                        }
                      >
                        {s.current ? t('sessions.endCurrent') : t('sessions.end')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
          <Group>
            <Button
              variant="default"
              disabled={others === 0}
              loading={endMany.isPending && endMany.variables === 'others'}
              onClick={() => endMany.mutate('others')}
            >
              {t('sessions.signOutOthers')}
            </Button>
            <Button color="red.9" onClick={() => setConfirmAll(true)}>
              {t('sessions.signOutAll')}
            </Button>
          </Group>
        </Stack>
      )}
      <ConfirmModal
        opened={confirmAll}
        title={t('sessions.signOutAll')}
        text={t('sessions.signOutAllConfirm')}
        confirmLabel={t('sessions.signOutAll')}
        loading={endMany.isPending}
        onConfirm={() => endMany.mutate('all', { onSettled: () => setConfirmAll(false) })}
        onClose={() => setConfirmAll(false)}
      />
    </section>
  );
}
