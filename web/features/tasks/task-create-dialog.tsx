import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import dayjs from 'dayjs';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TASK_TITLE_MAX } from '../../../common/api/tasks.ts';
import { DateField } from '../../components/date-field.tsx';
import { ErrorAlert } from '../../components/feedback.tsx';
import { fieldErrorsFrom } from '../../lib/form-errors.ts';
import { useCurrentUser } from '../auth/use-session.ts';
import { useCreateTask, useTaskAssignees } from './use-tasks.ts';

type Props = {
  opened: boolean;
  onClose: () => void;
  onCreated: () => void;
  /** Links the new task to this student (the student page's dialog). */
  studentId?: string;
};

/** The "new task" dialog: what, by when, for whom (the caller unless another colleague is chosen). */
export function TaskCreateDialog({ opened, onClose, onCreated, studentId }: Props) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const assignees = useTaskAssignees(opened);
  const create = useCreateTask();
  const [title, setTitle] = useState('');
  const [dueOn, setDueOn] = useState<string | null>(() => dayjs().add(7, 'day').format('YYYY-MM-DD'));
  const [assigneeId, setAssigneeId] = useState<string>(me.id);
  const errors = fieldErrorsFrom(create.error);

  function close() {
    create.reset();
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!dueOn) return;
    create.mutate(
      {
        title: title.trim(),
        dueOn,
        ...(assigneeId !== me.id ? { assigneeUserId: assigneeId } : {}),
        ...(studentId ? { studentId } : {}),
      },
      {
        onSuccess: () => {
          setTitle('');
          create.reset();
          onCreated();
        },
      },
    );
  }

  const options = (assignees.data?.items ?? []).map((a) => ({
    value: a.id,
    label: a.id === me.id ? t('tasks.me', { name: a.name }) : `${a.name} (${a.organisationName})`,
  }));
  if (!options.some((o) => o.value === me.id))
    options.unshift({ value: me.id, label: t('tasks.me', { name: `${me.firstName} ${me.lastName}` }) });

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t('tasks.newTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput
            label={t('tasks.fieldTitle')}
            description={t('tasks.fieldTitleHint')}
            required
            maxLength={TASK_TITLE_MAX}
            value={title}
            onChange={(e) => setTitle(e.currentTarget.value)}
            error={errors.title}
            data-autofocus
          />
          <DateField
            label={t('tasks.fieldDue')}
            required
            value={dueOn}
            onChange={setDueOn}
            error={errors.dueOn}
          />
          <Select
            label={t('tasks.fieldAssignee')}
            data={options}
            value={assigneeId}
            onChange={(v) => v && setAssigneeId(v)}
            allowDeselect={false}
            searchable
            error={errors.assigneeUserId}
          />
          <ErrorAlert error={create.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('tasks.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!title.trim() || !dueOn}>
              {t('tasks.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
