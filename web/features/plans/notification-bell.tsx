import { Badge, Button, Popover, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { ZNotificationList } from '../../../common/api/plans.ts';
import { formatDateTime } from '../../../common/format.ts';
import { api } from '../../lib/api.ts';

type TNotificationList = z.infer<typeof ZNotificationList>;
type TNotification = TNotificationList['items'][number];

const NOTIFICATIONS_KEY = ['notifications'] as const;

/** The user's notifications, asked again every minute. */
function useNotifications() {
  return useQuery({
    queryKey: NOTIFICATIONS_KEY,
    queryFn: () => api.get<TNotificationList>('/api/notifications'),
    refetchInterval: 60_000,
  });
}

function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<{ ok: true }>(`/api/notifications/${encodeURIComponent(id)}/read`),
    onSuccess: () => client.invalidateQueries({ queryKey: NOTIFICATIONS_KEY }),
  });
}

function BellIcon() {
  return (
    <svg
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
    >
      <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/**
 * The bell in the header: the number of unread notifications (also in its spoken name), opening the
 * list; choosing one marks it read and opens its plan.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const notifications = useNotifications();
  const markRead = useMarkRead();
  const unread = notifications.data?.unread ?? 0;
  const items = notifications.data?.items ?? [];

  function choose(item: TNotification) {
    close();
    if (!item.read && !item.done) markRead.mutate(item.id);
  }

  return (
    <Popover
      opened={opened}
      onChange={(o) => !o && close()}
      position="bottom-end"
      width={360}
      shadow="md"
      trapFocus
    >
      <Popover.Target>
        <Button
          variant="default"
          onClick={toggle}
          aria-label={
            unread > 0 ? t('notifications.labelUnread', { count: unread }) : t('notifications.label')
          }
          aria-expanded={opened}
          aria-haspopup="dialog"
          leftSection={<BellIcon />}
          rightSection={
            unread > 0 ? (
              <Badge color="red.9" size="sm" circle={unread < 10} aria-hidden="true">
                {unread}
              </Badge>
            ) : undefined
          }
        >
          <Text span visibleFrom="md" fz="inherit">
            {t('notifications.title')}
          </Text>
        </Button>
      </Popover.Target>
      <Popover.Dropdown aria-label={t('notifications.title')} role="dialog">
        <Text fw={700} mb="xs">
          {t('notifications.title')}
        </Text>
        {items.length === 0 ? (
          <Text>{t('notifications.none')}</Text>
        ) : (
          <Stack
            gap={4}
            component="ul"
            m={0}
            p={0}
            style={{ listStyle: 'none', maxHeight: 420, overflowY: 'auto' }}
          >
            {items.map((item) => {
              // A done notification (the plan moved on) no longer needs the person: shown as read.
              const open = !item.read && !item.done;
              return (
                <li key={item.id}>
                  <UnstyledButton
                    component={Link}
                    to={item.planId ? `/plans/${item.planId}` : '/'}
                    onClick={() => choose(item)}
                    p="xs"
                    w="100%"
                    display="block"
                    style={{
                      borderRadius: 4,
                      borderLeft: open ? '4px solid currentColor' : '4px solid transparent',
                    }}
                  >
                    <Text fw={open ? 700 : 400} fz="sm">
                      {open && <Text span fz="sm" fw={700}>{`${t('notifications.new')}: `}</Text>}
                      {item.message}
                    </Text>
                    <Text fz="xs" c="dimmed">
                      {formatDateTime(item.createdAt)}
                      {item.done && ` · ${t('notifications.done')}`}
                    </Text>
                  </UnstyledButton>
                </li>
              );
            })}
          </Stack>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
