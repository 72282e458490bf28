import { Button, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TGrant } from '../../../common/api/auth.ts';
import type { TUserDetail } from '../../../common/api/users.ts';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { ErrorAlert, StatusMessage } from '../../components/feedback.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { GrantAddForm } from './grant-add-form.tsx';
import { useRemoveGrant } from './use-users.ts';

/** The user's role grants with remove buttons (after a confirmation), and the form to add one. */
export function UserGrants({ user }: { user: TUserDetail }) {
  const { t } = useTranslation();
  const remove = useRemoveGrant(user.id);
  const [removing, setRemoving] = useState<TGrant | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  function confirmRemove() {
    if (!removing) return;
    setMessage(null);
    remove.mutate(removing.id, {
      onSuccess: () => setMessage(t('users.grantRemoved')),
      onSettled: () => setRemoving(null),
    });
  }

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="user-grants-title">
      <Title order={2} size="h3" id="user-grants-title" mb="md">
        {t('users.grants')}
      </Title>
      <StatusMessage message={message} />
      <ErrorAlert error={remove.error} />
      <Stack gap="lg">
        {user.grants.length === 0 ? (
          <Text>{t('users.noGrants')}</Text>
        ) : (
          <TableScroll label={t('users.grantsCaption')} minWidth={560}>
            <Table striped>
              <caption>
                <VisuallyHidden>{t('users.grantsCaption')}</VisuallyHidden>
              </caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('users.grantRole')}</Table.Th>
                  <Table.Th scope="col">{t('users.grantOrganisation')}</Table.Th>
                  <Table.Th scope="col">{t('users.grantOrganisationType')}</Table.Th>
                  <Table.Th scope="col">{t('common.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {user.grants.map((grant) => {
                  const roleName = t(`roles.${grant.role}`);
                  return (
                    <Table.Tr key={grant.id}>
                      <Table.Td>{roleName}</Table.Td>
                      <Table.Td>{grant.organisationName}</Table.Td>
                      <Table.Td>{t(`orgTypes.${grant.organisationType}`)}</Table.Td>
                      <Table.Td>
                        {user.can.removeGrant[grant.id] && (
                          <Button
                            size="xs"
                            variant="outline"
                            color="red.9"
                            aria-label={t('common.removeItem', {
                              name: `${roleName} — ${grant.organisationName}`,
                            })}
                            onClick={() => setRemoving(grant)}
                          >
                            {t('common.remove')}
                          </Button>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
        {user.can.addGrant && (
          <GrantAddForm
            userId={user.id}
            grantRoles={user.can.grantRoles}
            onAdded={() => setMessage(t('users.grantAdded'))}
          />
        )}
      </Stack>
      <ConfirmModal
        opened={removing !== null}
        title={t('users.removeGrantTitle')}
        text={
          removing
            ? t('users.removeGrantText', {
                role: t(`roles.${removing.role}`),
                organisation: removing.organisationName,
              })
            : ''
        }
        confirmLabel={t('common.remove')}
        loading={remove.isPending}
        onConfirm={confirmRemove}
        onClose={() => setRemoving(null)}
      />
    </Paper>
  );
}
