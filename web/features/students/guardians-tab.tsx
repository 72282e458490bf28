import { Button, Group, Modal, Paper, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TGuardian, TStudentDetail } from '../../../common/api/students.ts';
import { ConfirmModal } from '../../components/confirm-modal.tsx';
import { ErrorAlert, StatusMessage } from '../../components/feedback.tsx';
import { TableScroll } from '../../components/table-scroll.tsx';
import { GuardianForm } from './guardian-form.tsx';
import { useAddGuardian, useRemoveGuardian, useUpdateGuardian } from './use-consent.ts';

const guardianName = (guardian: TGuardian) => `${guardian.firstName} ${guardian.lastName}`;

/** The "Guardians" tab: the list with edit and remove, and the form to add one. */
export function GuardiansTab({ student }: { student: TStudentDetail }) {
  const { t } = useTranslation();
  const add = useAddGuardian(student.id);
  const update = useUpdateGuardian(student.id);
  const remove = useRemoveGuardian(student.id);
  const [editing, setEditing] = useState<TGuardian | null>(null);
  const [removing, setRemoving] = useState<TGuardian | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const canManage = student.can.manageGuardians;

  return (
    <Stack gap="xl">
      <Paper withBorder p="lg" component="section" aria-labelledby="guardians-title">
        <Title order={2} size="h3" id="guardians-title" mb="md">
          {t('guardians.title')}
        </Title>
        <StatusMessage message={message} />
        <ErrorAlert error={remove.error} />
        {student.guardians.length === 0 ? (
          <Text>{t('guardians.none')}</Text>
        ) : (
          <TableScroll label={t('guardians.caption')} minWidth={720}>
            <Table striped>
              <caption>
                <VisuallyHidden>{t('guardians.caption')}</VisuallyHidden>
              </caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('guardians.name')}</Table.Th>
                  <Table.Th scope="col">{t('guardians.relation')}</Table.Th>
                  <Table.Th scope="col">{t('guardians.phone')}</Table.Th>
                  <Table.Th scope="col">{t('guardians.email')}</Table.Th>
                  <Table.Th scope="col">{t('guardians.language')}</Table.Th>
                  {canManage && <Table.Th scope="col">{t('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {student.guardians.map((guardian) => (
                  <Table.Tr key={guardian.id}>
                    <Table.Td>{guardianName(guardian)}</Table.Td>
                    <Table.Td>{t(`guardianRelations.${guardian.relation}`)}</Table.Td>
                    <Table.Td>{guardian.phone ?? t('common.none')}</Table.Td>
                    <Table.Td>{guardian.email ?? t('common.none')}</Table.Td>
                    <Table.Td>{t(`guardianLanguages.${guardian.language}`)}</Table.Td>
                    {canManage && (
                      <Table.Td>
                        <Group gap="xs" wrap="nowrap">
                          <Button
                            size="xs"
                            variant="outline"
                            aria-label={t('common.editItem', { name: guardianName(guardian) })}
                            onClick={() => {
                              update.reset();
                              setEditing(guardian);
                            }}
                          >
                            {t('common.edit')}
                          </Button>
                          <Button
                            size="xs"
                            variant="outline"
                            color="red.9"
                            aria-label={t('common.removeItem', { name: guardianName(guardian) })}
                            onClick={() => setRemoving(guardian)}
                          >
                            {t('common.remove')}
                          </Button>
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </TableScroll>
        )}
      </Paper>
      {canManage && (
        <Paper withBorder p="lg" component="section" aria-labelledby="guardian-add-title">
          <Title order={2} size="h3" id="guardian-add-title" mb="md">
            {t('guardians.addTitle')}
          </Title>
          <GuardianForm
            submitLabel={t('guardians.addSubmit')}
            pending={add.isPending}
            error={add.error}
            onSubmit={(body, reset) => {
              setMessage(null);
              add.mutate(body, {
                onSuccess: () => {
                  reset();
                  setMessage(t('guardians.added', { name: `${body.firstName} ${body.lastName}` }));
                },
              });
            }}
          />
        </Paper>
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing ? t('guardians.editTitle', { name: guardianName(editing) }) : ''}
        closeButtonProps={{ 'aria-label': t('common.close') }}
        size="lg"
      >
        {editing && (
          <GuardianForm
            initial={editing}
            submitLabel={t('common.save')}
            pending={update.isPending}
            error={update.error}
            onCancel={() => setEditing(null)}
            onSubmit={(body) =>
              update.mutate(
                { guardianId: editing.id, body },
                {
                  onSuccess: () => {
                    setEditing(null);
                    setMessage(t('common.saved'));
                  },
                },
              )
            }
          />
        )}
      </Modal>
      <ConfirmModal
        opened={removing !== null}
        title={t('guardians.removeTitle')}
        text={removing ? t('guardians.removeText', { name: guardianName(removing) }) : ''}
        confirmLabel={t('common.remove')}
        loading={remove.isPending}
        onConfirm={() =>
          removing &&
          remove.mutate(removing.id, {
            onSuccess: () => setMessage(t('guardians.removed')),
            onSettled: () => setRemoving(null),
          })
        }
        onClose={() => setRemoving(null)}
      />
    </Stack>
  );
}
