import { Button, Group, Modal, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TStudentSummary } from '../../../common/api/students.ts';
import { ErrorAlert } from '../../components/feedback.tsx';
import { api, toQueryString } from '../../lib/api.ts';
import { postForFile, saveBlob } from '../../lib/file-post.ts';
import { STUDENTS_KEY } from './use-students.ts';

type Mode = 'missing' | 'replace';

type Props = {
  opened: boolean;
  schools: { id: string; name: string }[];
  defaultSchoolId: string | null;
  defaultClass: string;
  onClose: (message: string | null) => void;
};

/** The enrolled students of one class (a class has far fewer than 200). */
function useClassStudents(schoolId: string | null, classLabel: string) {
  return useQuery({
    queryKey: [...STUDENTS_KEY, 'class', schoolId, classLabel],
    enabled: Boolean(schoolId && classLabel),
    queryFn: () =>
      api
        .get<{ items: TStudentSummary[] }>(
          `/api/students${toQueryString({ schoolId, classLabel, status: 'enrolled', pageSize: 200 })}`,
        )
        .then((body) => body.items.filter((s) => s.classLabel === classLabel)),
  });
}

/**
 * "Generate PINs for a class": the school and class, only students without a PIN (default) or
 * replace all, then a confirmation naming the count; the answer is a PDF of slips, downloaded.
 */
export function GeneratePinsModal({ opened, schools, defaultSchoolId, defaultClass, onClose }: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [schoolId, setSchoolId] = useState<string | null>(defaultSchoolId ?? schools[0]?.id ?? null);
  const [classLabel, setClassLabel] = useState(defaultClass);
  const [mode, setMode] = useState<Mode>('missing');
  const [confirming, setConfirming] = useState(false);
  const [missing, setMissing] = useState(false);
  const label = classLabel.trim();
  const students = useClassStudents(schoolId, confirming ? label : '');
  const count = students.data
    ? mode === 'replace'
      ? students.data.length
      : students.data.filter((s) => !s.hasPin).length
    : null;
  const generate = useMutation({
    mutationFn: () =>
      postForFile('/api/students/pins/generate', { schoolId, classLabel: label, mode }).then((answer) => {
        saveBlob(answer.blob, `PIN-${label.replace(/[^\p{L}\p{N}.-]/gu, '_')}.pdf`);
        return Number(answer.headers.get('x-pin-count') ?? 0);
      }),
    onSuccess: (made) => {
      void client.invalidateQueries({ queryKey: STUDENTS_KEY });
      void client.invalidateQueries({ queryKey: ['plans'] });
      close(t('pins.done', { count: made, cls: label }));
    },
  });

  function close(message: string | null) {
    generate.reset();
    setConfirming(false);
    setMissing(false);
    onClose(message);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!confirming) {
      if (!schoolId || !label) {
        setMissing(true);
        return;
      }
      setConfirming(true);
      return;
    }
    if (count) generate.mutate();
  }

  return (
    <Modal
      opened={opened}
      onClose={() => close(null)}
      title={t('pins.title')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{t('pins.intro')}</Text>
          <ErrorAlert error={generate.error ?? students.error} />
          {schools.length > 1 && (
            <Select
              label={t('students.school')}
              required
              data={schools.map((s) => ({ value: s.id, label: s.name }))}
              value={schoolId}
              onChange={(value) => {
                setSchoolId(value);
                setConfirming(false);
              }}
              disabled={confirming}
              error={missing && !schoolId ? t('errors.required') : undefined}
            />
          )}
          <TextInput
            label={t('students.classLabel')}
            required
            maxLength={20}
            value={classLabel}
            onChange={(event) => setClassLabel(event.currentTarget.value)}
            disabled={confirming}
            error={missing && !label ? t('errors.required') : undefined}
            data-autofocus
          />
          <Radio.Group label={t('pins.mode')} value={mode} onChange={(value) => setMode(value as Mode)}>
            <Stack gap="xs" mt="xs">
              <Radio value="missing" label={t('pins.modes.missing')} disabled={confirming} />
              <Radio value="replace" label={t('pins.modes.replace')} disabled={confirming} />
            </Stack>
          </Radio.Group>
          {confirming && (
            <Text role="status" fw={500}>
              {students.isPending
                ? t('common.loading')
                : count === 0
                  ? t(mode === 'replace' ? 'pins.noStudents' : 'pins.noneMissing', { cls: label })
                  : t(mode === 'replace' ? 'pins.confirmReplace' : 'pins.confirmMissing', {
                      count: count ?? 0,
                      cls: label,
                    })}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => (confirming ? setConfirming(false) : close(null))}>
              {confirming ? t('pins.back') : t('common.cancel')}
            </Button>
            <Button type="submit" loading={generate.isPending} disabled={confirming && !count}>
              {confirming ? t('pins.generate', { count: count ?? 0 }) : t('pins.next')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
